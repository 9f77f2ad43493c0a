package dev.remotestore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storage URL parsed into its canonical parts: which kind of storage ({@link #scheme()}), which
 * bucket, container or memory space ({@link #bucket()}), the Azure account when the URL names one,
 * the object key, and the query parameters. Immutable.
 *
 * <p>Accepted forms (see {@link #parse}); every alias is mapped to one canonical scheme:
 * <ul>
 *   <li>{@code file}: {@code file:///abs/path}, {@code file:/abs/path}, {@code file://localhost/abs/path},
 *       and plain local paths ({@code /abs/path}, {@code rel/path}, resolved against the working directory);</li>
 *   <li>{@code memory}: {@code memory://name/key};</li>
 *   <li>{@code s3}: {@code s3://bucket/key}, {@code s3a://bucket/key},
 *       {@code https://bucket.s3.region.amazonaws.com/key}, {@code https://s3.region.amazonaws.com/bucket/key}
 *       (the https forms set the {@code region} parameter);</li>
 *   <li>{@code gs}: {@code gs://bucket/key}, {@code gcs://bucket/key}, {@code https://storage.googleapis.com/bucket/key};</li>
 *   <li>{@code az}: {@code az://container/key}, {@code azure://container/key} (account from the
 *       environment), {@code abfs[s]://container@account.dfs.core.windows.net/key},
 *       {@code https://account.blob.core.windows.net/container/key}.</li>
 * </ul>
 *
 * <p><b>Keys</b> are percent-decoded exactly once, as UTF-8; {@code +} is a plain plus. Plain
 * local paths are taken literally (nothing is decoded). After decoding a key follows the store
 * path rules: a {@code ..} segment, NUL or control characters, and a {@code %2F} (a slash inside
 * one name, which a store path cannot express) are refused with {@link IllegalPathException}. A
 * fragment ({@code #}), user info, a port, a missing bucket, or a malformed query are refused
 * with {@link InvalidConfigException} keyed {@code url}. Messages never quote query values (a
 * pasted SAS URL carries a signature there).
 *
 * <p>{@link #toString()} gives the canonical URL, which {@link #parse} reads back to an equal
 * value: {@code parse(u.toString()).equals(u)}, for every key a store accepts.
 */
public final class StoreUrl {
    /** Canonical schemes. */
    public static final String FILE = "file";
    public static final String MEMORY = "memory";
    public static final String S3 = "s3";
    public static final String GS = "gs";
    public static final String AZ = "az";

    static final Map<String, String> ALIASES = Map.of(
            "file", FILE, "memory", MEMORY,
            "s3", S3, "s3a", S3,
            "gs", GS, "gcs", GS,
            "az", AZ, "azure", AZ, "abfs", AZ, "abfss", AZ);

    /** The schemes {@link #parse} accepts, aliases included, for messages. */
    public static final Set<String> SCHEMES;

    static {
        Set<String> all = new TreeSet<>(ALIASES.keySet());
        all.add("https");
        all.add("http");
        SCHEMES = Collections.unmodifiableSet(all);
    }

    private final String scheme;
    private final String bucket;
    private final String account;
    private final String key;
    private final boolean folder;
    private final Map<String, String> parameters;

    StoreUrl(String scheme, String bucket, String account, String key, boolean folder, Map<String, String> parameters) {
        this.scheme = scheme;
        this.bucket = bucket;
        this.account = account;
        this.key = key;
        this.folder = folder || key.isEmpty();
        this.parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /**
     * Parses a storage URL or a plain local path.
     *
     * @throws InvalidConfigException if the scheme is unknown (the message lists the accepted
     *         ones) or the URL's scheme, host or query is malformed
     * @throws IllegalPathException if the key is not a valid store path once decoded
     */
    public static StoreUrl parse(String url) {
        Objects.requireNonNull(url, "url is null");
        return new StoreUrlParser(url).parse();
    }

    /** The canonical scheme: {@code file}, {@code memory}, {@code s3}, {@code gs} or {@code az}. */
    public String scheme() {
        return scheme;
    }

    /** The bucket, container or memory space; {@code ""} for {@code file}. */
    public String bucket() {
        return bucket;
    }

    /** The Azure storage account the URL names, or {@code null} when it names none (it then comes from the environment). */
    public String account() {
        return account;
    }

    /**
     * The decoded, normalised key below the bucket ({@code ""} for the bucket itself). For
     * {@code file}, the absolute path without its leading {@code /}.
     */
    public String key() {
        return key;
    }

    /** Whether the URL names a folder: it ended with {@code /}, or has no key. */
    public boolean isFolder() {
        return folder;
    }

    /** The decoded query parameters, by name. Unknown names are refused when the URL is opened, not here. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The folder part of the key: everything before the last {@code /} of a file's key, or the whole key of a folder. */
    public String folderKey() {
        if (folder) {
            return key;
        }
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The name part: the last segment of a file's key, {@code ""} for a folder. */
    public String name() {
        return folder ? "" : key.substring(key.lastIndexOf('/') + 1);
    }

    /**
     * The same bucket and parameters with another key: {@code relative} is a store path below
     * {@link #folderKey()}; {@code ""} names that folder.
     *
     * @throws IllegalPathException if {@code relative} breaks the store path rules
     */
    public StoreUrl resolve(String relative) {
        String rel = StorePaths.normalize(relative);
        String k = StorePaths.join(folderKey(), rel);
        return new StoreUrl(scheme, bucket, account, k, rel.isEmpty(), parameters);
    }

    /** The same URL read as a folder: its whole key names the folder. */
    public StoreUrl asFolder() {
        return folder ? this : new StoreUrl(scheme, bucket, account, key, true, parameters);
    }

    /** The canonical URL as a {@link URI}. */
    public URI toUri() {
        return URI.create(toString());
    }

    /** The URL without its query: names the storage, never a secret; used in messages and store names. */
    public String withoutQuery() {
        StringBuilder sb = new StringBuilder();
        if (scheme.equals(AZ) && account != null) {
            sb.append("abfss://").append(bucket).append('@').append(account).append(".dfs.core.windows.net/");
        } else if (scheme.equals(FILE)) {
            sb.append("file:///");
        } else {
            sb.append(scheme).append("://").append(bucket).append('/');
        }
        sb.append(encodeKey(key));
        if (folder && !key.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** The canonical URL: {@link #withoutQuery()} plus the parameters, encoded. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(withoutQuery());
        String sep = "?";
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(encode(e.getKey(), false)).append('=').append(encode(e.getValue(), false));
            sep = "&";
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreUrl u && scheme.equals(u.scheme) && bucket.equals(u.bucket)
                && Objects.equals(account, u.account) && key.equals(u.key) && folder == u.folder
                && parameters.equals(u.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, bucket, account, key, folder, parameters);
    }

    /** Percent-encodes a key: every byte but unreserved characters and {@code /}, so any name round-trips. */
    static String encodeKey(String key) {
        return encode(key, true);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    static String safeName(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : StorePaths.printable(name);
    }
}
