package dev.remotestore;

/**
 * The path rules, applied before any I/O. A path is relative and {@code /}-separated;
 * {@code \} is read as {@code /}, empty and {@code .} segments are dropped. Rejected with
 * {@link IllegalPathException}: {@code null}, a leading {@code /} or drive letter, a {@code ..}
 * segment, NUL and other control characters, and unpaired UTF-16 surrogates (which no backend
 * can store). Nothing is decoded: {@code %2e%2e} is a literal name.
 */
final class StorePaths {
    private StorePaths() {
    }

    /** The normalised form of {@code path}; {@code ""} names the root. */
    static String normalize(String path) {
        if (path == null) {
            throw new IllegalPathException("path is null", null);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                throw new IllegalPathException("path contains a NUL character at index " + i, printable(path));
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalPathException("path contains a control character at index " + i, printable(path));
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= path.length() || !Character.isLowSurrogate(path.charAt(i + 1))) {
                    throw new IllegalPathException("path contains an unpaired surrogate at index " + i, printable(path));
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalPathException("path contains an unpaired surrogate at index " + i, printable(path));
            }
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("/")) {
            throw new IllegalPathException("path is absolute; store paths are relative to the store's root", printable(path));
        }
        if (p.length() >= 2 && p.charAt(1) == ':' && isAsciiLetter(p.charAt(0))) {
            throw new IllegalPathException("path starts with a drive letter; store paths are relative", printable(path));
        }
        StringBuilder out = new StringBuilder(p.length());
        int start = 0;
        while (start <= p.length()) {
            int end = p.indexOf('/', start);
            if (end < 0) {
                end = p.length();
            }
            String segment = p.substring(start, end);
            if (segment.equals("..")) {
                throw new IllegalPathException("path contains a '..' segment", printable(path));
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                if (out.length() > 0) {
                    out.append('/');
                }
                out.append(segment);
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** The normalised form of a path that must name a file, not the root. */
    static String normalizeFile(String path) {
        String p = normalize(path);
        if (p.isEmpty()) {
            throw new IllegalPathException("path names the store's root, not a file", printable(path));
        }
        return p;
    }

    static String join(String root, String relative) {
        if (root.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? root : root + "/" + relative;
    }

    /** The part of {@code key} below {@code root}. */
    static String relativize(String root, String key) {
        if (root.isEmpty()) {
            return key;
        }
        if (key.equals(root)) {
            return "";
        }
        if (key.startsWith(root) && key.length() > root.length() && key.charAt(root.length()) == '/') {
            return key.substring(root.length() + 1);
        }
        throw new IllegalStateException("key " + key + " is not under root " + root);
    }

    /** The path with control characters escaped, fit for a message. */
    static String printable(String path) {
        if (path == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
