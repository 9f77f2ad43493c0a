package dev.remotestore.spi;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spots HOCON sizes written in decimal units ({@code 8MB} = 8,000,000 bytes) where a binary unit
 * is almost surely meant (adr/0024), and says what to write instead.
 */
final class SizeUnits {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9][0-9_.]*)\\s*([A-Za-z]+)\\s*");

    /** Typesafe's decimal unit names, with the binary unit a user most likely meant. */
    private static final Map<String, String> DECIMAL_TO_BINARY = Map.ofEntries(
            Map.entry("kB", "KiB"), Map.entry("MB", "MiB"), Map.entry("GB", "GiB"), Map.entry("TB", "TiB"),
            Map.entry("PB", "PiB"), Map.entry("EB", "EiB"), Map.entry("ZB", "ZiB"), Map.entry("YB", "YiB"),
            Map.entry("kilobyte", "KiB"), Map.entry("megabyte", "MiB"), Map.entry("gigabyte", "GiB"),
            Map.entry("terabyte", "TiB"), Map.entry("petabyte", "PiB"), Map.entry("exabyte", "EiB"),
            Map.entry("zettabyte", "ZiB"), Map.entry("yottabyte", "YiB"));

    private SizeUnits() {
    }

    /**
     * A message when {@code value} is a size string with a decimal unit, else {@code null}.
     * Plain byte counts and binary units ({@code K}, {@code Mi}, {@code MiB}, {@code mebibytes}) pass.
     */
    static String decimalUnitProblem(ConfigValue value, long decimalBytes) {
        if (value.valueType() != ConfigValueType.STRING) {
            return null;
        }
        String raw = (String) value.unwrapped();
        Matcher m = SIZE.matcher(raw);
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2);
        String singular = unit.endsWith("bytes") ? unit.substring(0, unit.length() - 1) : unit;
        String binary = DECIMAL_TO_BINARY.get(singular);
        if (binary == null) {
            return null;
        }
        String number = m.group(1);
        return raw.trim() + " is " + String.format(Locale.ROOT, "%,d", decimalBytes) + " bytes (" + unit
                + " is a decimal unit); this size is meant in binary units: write " + number + binary
                + ", or the byte count " + decimalBytes + " if the decimal size is intended";
    }
}
