package dev.remotestore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads one storage URL into a {@link StoreUrl}; one instance per call. See {@link StoreUrl} for the forms and rules. */
final class StoreUrlParser {
    private final String text;

    StoreUrlParser(String text) {
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
        String canonical = StoreUrl.ALIASES.get(given);
        if (canonical == null) {
            throw bad("unknown scheme '" + given + "'; supported: " + String.join(", ", StoreUrl.SCHEMES) + ", and plain local paths");
        }
        if (given.startsWith("abfs")) {
            int at = authority.indexOf('@');
            String host = at < 0 ? "" : authority.substring(at + 1).toLowerCase(Locale.ROOT);
            String suffix = ".dfs.core.windows.net";
            if (at < 1 || !host.endsWith(suffix) || host.length() == suffix.length()) {
                throw bad("expected " + given + "://container@account.dfs.core.windows.net/path");
            }
            String acc = host.substring(0, host.length() - suffix.length());
            return bucketUrl(StoreUrl.AZ, authority.substring(0, at), acc, path, parameters);
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
        return new StoreUrl(StoreUrl.FILE, "", null, StorePaths.normalize(abs.replaceFirst("^[A-Za-z]:", "").replaceFirst("^/+", "")),
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
        return new StoreUrl(StoreUrl.FILE, "", null, decodeKey(path), path.endsWith("/"), parameters);
    }

    private StoreUrl https(String authority, String path, Map<String, String> parameters) {
        String host = authority.toLowerCase(Locale.ROOT);
        checkHost(host);
        java.util.regex.Matcher m;
        if (host.equals("storage.googleapis.com")) {
            return pathStyle(StoreUrl.GS, null, path, parameters);
        }
        if (host.endsWith(".blob.core.windows.net")) {
            String acc = host.substring(0, host.length() - ".blob.core.windows.net".length());
            return pathStyle(StoreUrl.AZ, acc, path, parameters);
        }
        if ((m = S3_PATH_HOST.matcher(host)).matches()) {
            putRegion(parameters, m.group(1));
            return pathStyle(StoreUrl.S3, null, path, parameters);
        }
        if ((m = S3_VIRTUAL_HOST.matcher(host)).matches()) {
            putRegion(parameters, m.group(2));
            return bucketUrl(StoreUrl.S3, m.group(1), null, path, parameters);
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
            throw bad("no " + (scheme.equals(StoreUrl.AZ) ? "container" : scheme.equals(StoreUrl.MEMORY) ? "memory space name" : "bucket")
                    + ": expected " + scheme + "://" + (scheme.equals(StoreUrl.AZ) ? "container" : scheme.equals(StoreUrl.MEMORY) ? "name" : "bucket") + "/key");
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
                throw bad("query parameter '" + StoreUrl.safeName(decodedName) + "' is given twice");
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

    private static final java.util.regex.Pattern S3_PATH_HOST =
            java.util.regex.Pattern.compile("s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com");
    private static final java.util.regex.Pattern S3_VIRTUAL_HOST =
            java.util.regex.Pattern.compile("(.+)\\.s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com");

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
