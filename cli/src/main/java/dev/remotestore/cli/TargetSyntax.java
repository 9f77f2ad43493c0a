package dev.remotestore.cli;

import java.util.regex.Pattern;

/**
 * How a TARGET argument is read, from its text alone (never from what the config or the disk
 * holds, so that the same text always means the same kind of thing; adr/0043):
 * <ol>
 *   <li>{@code scheme://...} with a scheme of two or more characters, or {@code file:...}: a URL,
 *       opened with {@code Registry.open} ({@code s3://}, {@code gs://}, {@code az://}, the clouds'
 *       https forms, ...);</li>
 *   <li>{@code NAME:path}, where the first {@code :} comes before any {@code /} or {@code \} and
 *       NAME has two or more characters: the store NAME of the configuration, and a path in it
 *       (leading slashes dropped; empty is the store's root);</li>
 *   <li>anything else: a local path. A one-letter name before the colon is a Windows drive
 *       ({@code C:\data}, {@code c:/data}); a local name that holds a colon is written with a
 *       folder in front ({@code ./notes:v1.txt}), as with scp and rsync.</li>
 * </ol>
 */
record TargetSyntax(Kind kind, String text, String storeName, String path) {
    enum Kind { LOCAL, STORE, URL }

    private static final Pattern URL = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]+://|[Ff][Ii][Ll][Ee]:)");

    static TargetSyntax parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty TARGET: give a local path, STORE:path or a URL");
        }
        if (URL.matcher(text).lookingAt()) {
            return new TargetSyntax(Kind.URL, text, null, null);
        }
        int colon = text.indexOf(':');
        int slash = firstSlash(text);
        if (colon >= 2 && (slash < 0 || colon < slash)) {
            return new TargetSyntax(Kind.STORE, text, text.substring(0, colon), text.substring(colon + 1).replaceFirst("^[/\\\\]+", ""));
        }
        return new TargetSyntax(Kind.LOCAL, text, null, null);
    }

    private static int firstSlash(String text) {
        int a = text.indexOf('/');
        int b = text.indexOf('\\');
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** The text for messages: a URL without its query, which may carry a signature. */
    String display() {
        if (kind != Kind.URL) {
            return text;
        }
        int q = text.indexOf('?');
        return q < 0 ? text : text.substring(0, q) + "?...";
    }

    /** Whether the text names a folder by its trailing separator. */
    boolean endsWithSeparator() {
        String t = kind == Kind.URL && text.indexOf('?') >= 0 ? text.substring(0, text.indexOf('?')) : text;
        return t.endsWith("/") || (kind == Kind.LOCAL && t.endsWith("\\"));
    }
}
