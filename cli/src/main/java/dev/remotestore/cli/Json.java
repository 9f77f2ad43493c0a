package dev.remotestore.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One JSON object, built field by field and printed on one line; enough for rs's output. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            string(s, e.getKey());
            s.append(':');
            value(s, e.getValue());
        }
        return s.append('}').toString();
    }

    private static void value(StringBuilder s, Object v) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v);
        } else if (v instanceof Json j) {
            s.append(j);
        } else if (v instanceof Map<?, ?> m) {
            Json nested = new Json();
            m.forEach((k, x) -> nested.put(String.valueOf(k), x));
            s.append(nested);
        } else if (v instanceof Iterable<?> list) {
            s.append('[');
            boolean first = true;
            for (Object x : list) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                value(s, x);
            }
            s.append(']');
        } else {
            string(s, v.toString());
        }
    }

    private static void string(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
