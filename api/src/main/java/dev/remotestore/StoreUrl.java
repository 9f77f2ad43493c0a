package dev.remotestore;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    private static final Map<String, String> ALIASES = Map.of(
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

    private StoreUrl(String scheme, String bucket, String account, String key, boolean folder, Map<String, String> parameters) {
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
        return new UrlParser(url).parse();
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

    /** Reads one URL; one instance per call. */
    private static final class UrlParser {
        private final String text;

        UrlParser(String text) {
            this.text = text;
        }

        StoreUrl parse() {
            int colon = schemeEnd();
            if (colon < 0) {
                return plainPath();
            }
            String given = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = text.substring(colon + 1);
            if (rest.indexOf('#') >= 0) {
                throw bad("a URL of a file has no fragment ('#'); encode a '#' in a name as %23");
            }
            int q = rest.indexOf('?');
            Map<String, String> parameters = q < 0 ? new LinkedHashMap<>() : query(rest.substring(q + 1));
            String hierarchical = q < 0 ? rest : rest.substring(0, q);
            if (given.equals("file")) {
                return file(hierarchical, parameters);
            }
            if (!hierarchical.startsWith("//")) {
                throw bad("expected " + given + "://...");
            }
            int slash = hierarchical.indexOf('/', 2);
            String authority = slash < 0 ? hierarchical.substring(2) : hierarchical.substring(2, slash);
            String path = slash < 0 ? "" : hierarchical.substring(slash + 1);
            if (given.equals("https") || given.equals("http")) {
                return https(authority, path, parameters);
            }
            String canonical = ALIASES.get(given);
            if (canonical == null) {
                throw bad("unknown scheme '" + given + "'; supported: " + String.join(", ", SCHEMES) + ", and plain local paths");
            }
            if (given.startsWith("abfs")) {
                int at = authority.indexOf('@');
                String host = at < 0 ? "" : authority.substring(at + 1).toLowerCase(Locale.ROOT);
                String suffix = ".dfs.core.windows.net";
                if (at < 1 || !host.endsWith(suffix) || host.length() == suffix.length()) {
                    throw bad("expected " + given + "://container@account.dfs.core.windows.net/path");
                }
                String acc = host.substring(0, host.length() - suffix.length());
                return bucketUrl(AZ, authority.substring(0, at), acc, path, parameters);
            }
            return bucketUrl(canonical, authority, null, path, parameters);
        }

        /** Index of the scheme's ':' or -1 for a plain path; one letter is a Windows drive, not a scheme. */
        private int schemeEnd() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
                if (!ok) {
                    break;
                }
                i++;
            }
            return i >= 2 && i < text.length() && text.charAt(i) == ':' ? i : -1;
        }

        private StoreUrl plainPath() {
            if (text.isEmpty()) {
                throw bad("empty: expected a URL such as s3://bucket/key or a local path");
            }
            Path p;
            try {
                p = Path.of(text).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalPathException("not a valid local path: " + e.getReason(), StorePaths.printable(text));
            }
            String abs = p.toString().replace('\\', '/');
            boolean folder = text.endsWith("/") || text.endsWith(java.io.File.separator);
            return new StoreUrl(FILE, "", null, StorePaths.normalize(abs.replaceFirst("^[A-Za-z]:", "").replaceFirst("^/+", "")),
                    folder, Map.of());
        }

        private StoreUrl file(String hierarchical, Map<String, String> parameters) {
            String path;
            if (hierarchical.startsWith("//")) {
                int slash = hierarchical.indexOf('/', 2);
                String host = slash < 0 ? hierarchical.substring(2) : hierarchical.substring(2, slash);
                if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                    throw bad("a file URL names no host: use file:///absolute/path");
                }
                path = slash < 0 ? "" : hierarchical.substring(slash + 1);
            } else if (hierarchical.startsWith("/")) {
                path = hierarchical.substring(1);
            } else {
                throw bad("a file URL holds an absolute path: file:///absolute/path");
            }
            return new StoreUrl(FILE, "", null, decodeKey(path), path.endsWith("/"), parameters);
        }

        private StoreUrl https(String authority, String path, Map<String, String> parameters) {
            String host = authority.toLowerCase(Locale.ROOT);
            checkHost(host);
            java.util.regex.Matcher m;
            if (host.equals("storage.googleapis.com")) {
                return pathStyle(GS, null, path, parameters);
            }
            if (host.endsWith(".blob.core.windows.net")) {
                String acc = host.substring(0, host.length() - ".blob.core.windows.net".length());
                return pathStyle(AZ, acc, path, parameters);
            }
            if ((m = S3_PATH_HOST.matcher(host)).matches()) {
                putRegion(parameters, m.group(1));
                return pathStyle(S3, null, path, parameters);
            }
            if ((m = S3_VIRTUAL_HOST.matcher(host)).matches()) {
                putRegion(parameters, m.group(2));
                return bucketUrl(S3, m.group(1), null, path, parameters);
            }
            throw bad("an https URL must name a storage service host: BUCKET.s3.REGION.amazonaws.com, s3.REGION.amazonaws.com,"
                    + " storage.googleapis.com or ACCOUNT.blob.core.windows.net");
        }

        private void putRegion(Map<String, String> parameters, String region) {
            if (region != null && parameters.putIfAbsent("region", region) != null && !parameters.get("region").equals(region)) {
                throw bad("the region parameter contradicts the host's region");
            }
        }

        private StoreUrl pathStyle(String scheme, String acc, String path, Map<String, String> parameters) {
            int slash = path.indexOf('/');
            return bucketUrl(scheme, slash < 0 ? path : path.substring(0, slash), acc, slash < 0 ? "" : path.substring(slash + 1), parameters);
        }

        private StoreUrl bucketUrl(String scheme, String bucket, String acc, String path, Map<String, String> parameters) {
            if (bucket.isEmpty()) {
                throw bad("no " + (scheme.equals(AZ) ? "container" : scheme.equals(MEMORY) ? "memory space name" : "bucket")
                        + ": expected " + scheme + "://" + (scheme.equals(AZ) ? "container" : scheme.equals(MEMORY) ? "name" : "bucket") + "/key");
            }
            checkHost(bucket.toLowerCase(Locale.ROOT));
            if (acc != null) {
                checkHost(acc);
            }
            return new StoreUrl(scheme, bucket, acc, decodeKey(path), path.endsWith("/"), parameters);
        }

        /** Buckets, containers and hosts: no user info, port, percent sign or other URL syntax. */
        private void checkHost(String host) {
            if (host.isEmpty()) {
                throw bad("no host");
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c == '@' || c == ':') {
                    throw bad("user info and ports are not accepted in a storage URL (credentials come from the environment)");
                }
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '$')) {
                    throw bad("the bucket or host contains a character that is not allowed there (" + describe(c) + ")");
                }
            }
        }

        private Map<String, String> query(String query) {
            Map<String, String> out = new LinkedHashMap<>();
            if (query.isEmpty()) {
                return out;
            }
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (name.isEmpty() || eq < 0) {
                    throw bad("malformed query: expected name=value pairs separated by '&'");
                }
                String decodedName = decode(name, "query");
                if (out.put(decodedName, decode(pair.substring(eq + 1), "query")) != null) {
                    throw bad("query parameter '" + safeName(decodedName) + "' is given twice");
                }
            }
            return out;
        }

        private String decodeKey(String path) {
            StringBuilder out = new StringBuilder(path.length());
            int start = 0;
            while (start <= path.length()) {
                int end = path.indexOf('/', start);
                if (end < 0) {
                    end = path.length();
                }
                String segment = decode(path.substring(start, end), "key");
                if (segment.indexOf('/') >= 0) {
                    throw new IllegalPathException("the key holds an encoded '/' (%2F) inside a name; a store path"
                            + " separates folders with '/' and cannot name such an object", StorePaths.printable(path));
                }
                if (segment.indexOf('\\') >= 0) {
                    throw new IllegalPathException("the key holds a '\\', which a store path reads as a folder separator", StorePaths.printable(path));
                }
                if (out.length() > 0 || start > 0) {
                    out.append('/');
                }
                out.append(segment);
                start = end + 1;
            }
            return StorePaths.normalize(out.toString());
        }

        /** Percent-decodes once, as UTF-8; malformed escapes and invalid UTF-8 are refused. */
        private String decode(String s, String where) {
            if (s.indexOf('%') < 0) {
                return s;
            }
            ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
            for (int i = 0; i < s.length(); ) {
                char c = s.charAt(i);
                if (c == '%') {
                    int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                    int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                    if (lo < 0) {
                        throw malformed(where, "a '%' that does not start an escape %XX (write a '%' as %25)");
                    }
                    bytes.put((byte) ((hi << 4) | lo));
                    i += 3;
                } else {
                    int cp = s.codePointAt(i);
                    bytes.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(cp);
                }
            }
            bytes.flip();
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            } catch (CharacterCodingException e) {
                throw malformed(where, "percent escapes that are not UTF-8");
            }
        }

        private RemoteStoreException malformed(String where, String detail) {
            return where.equals("key")
                    ? new IllegalPathException("the key holds " + detail, null)
                    : bad("the query holds " + detail);
        }

        private InvalidConfigException bad(String detail) {
            return new InvalidConfigException("url", null, detail + " (in " + safeText() + ")");
        }

        /** The URL fit for a message: without its query, which may carry a signature or token. */
        private String safeText() {
            int q = text.indexOf('?');
            String s = q < 0 ? text : text.substring(0, q) + "?...";
            int at = s.indexOf('@');
            int schemeSep = s.indexOf("://");
            if (at > 0 && schemeSep > 0 && s.indexOf(':', schemeSep + 3) > schemeSep && s.indexOf(':', schemeSep + 3) < at) {
                s = s.substring(0, schemeSep + 3) + "****" + s.substring(at); // user:password@
            }
            return StorePaths.printable(s);
        }
    }

    private static final java.util.regex.Pattern S3_PATH_HOST =
            java.util.regex.Pattern.compile("s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com");
    private static final java.util.regex.Pattern S3_VIRTUAL_HOST =
            java.util.regex.Pattern.compile("(.+)\\.s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com");

    static String safeName(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : StorePaths.printable(name);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
