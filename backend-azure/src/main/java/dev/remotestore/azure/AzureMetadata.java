package dev.remotestore.azure;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the project's metadata keys (lower-case letters, digits, {@code -}, {@code _}) to Azure's,
 * which must be C# identifiers: no {@code -}, no leading digit. A key that is already a valid
 * identifier is stored as it is, so other tools see the names they expect; any other key (and
 * any key that starts with the escape prefix) is stored as {@code rsx_} + the hex of its UTF-8
 * bytes, and decoded back on read. Keys written by other tools that do not carry the prefix
 * come back unchanged.
 */
final class AzureMetadata {
    static final String PREFIX = "rsx_";
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern ENCODED = Pattern.compile(PREFIX + "([0-9a-f]{2})+");

    private AzureMetadata() {
    }

    /** Azure-safe keys; {@code null} for no metadata (the SDK's way of sending none). */
    static Map<String, String> encode(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> out.put(encodeKey(k), v));
        return out;
    }

    static Map<String, String> decode(Map<String, String> stored) {
        if (stored == null || stored.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((k, v) -> out.put(decodeKey(k), v));
        return out;
    }

    static String encodeKey(String key) {
        if (PLAIN.matcher(key).matches() && !key.startsWith(PREFIX)) {
            return key;
        }
        return PREFIX + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeKey(String key) {
        if (ENCODED.matcher(key).matches()) {
            return new String(HexFormat.of().parseHex(key.substring(PREFIX.length())), StandardCharsets.UTF_8);
        }
        return key;
    }
}
