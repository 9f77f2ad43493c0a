package dev.remotestore.iceberg;

import java.nio.charset.StandardCharsets;

/**
 * Turns an Iceberg location into the URL our registry opens to the same key. Iceberg's own FileIOs
 * read a location's key literally ({@code s3://b/p=a%2Fb/f} is the key {@code p=a%2Fb/f}: Iceberg
 * percent-encodes partition values itself), while our URLs decode keys once (adr/0034). So the key
 * part is percent-encoded here, and decoding gives back exactly the characters of the location.
 * {@code file:} locations become plain paths, which the registry does not decode either.
 */
final class LiteralLocations {
    private LiteralLocations() {
    }

    /** The URL or plain path that {@code Registry.open} reads as {@code location}, character for character. */
    static String toOpenable(String location) {
        if (location.startsWith("file:")) {
            String rest = location.substring("file:".length());
            if (rest.startsWith("///")) {
                return rest.substring(2);
            }
            if (rest.startsWith("/") && !rest.startsWith("//")) {
                return rest;
            }
            return location; // file://host/...: let the registry refuse it in its own words
        }
        int scheme = location.indexOf("://");
        if (scheme < 0) {
            return location; // a plain path
        }
        int keyStart = location.indexOf('/', scheme + 3);
        if (keyStart < 0) {
            return location;
        }
        return location.substring(0, keyStart) + encodeKey(location.substring(keyStart));
    }

    private static String encodeKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
