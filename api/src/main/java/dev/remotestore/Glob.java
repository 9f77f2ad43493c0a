package dev.remotestore;

import java.util.regex.Pattern;

/** Compiles a file-name glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}) to a regex. */
final class Glob {
    private Glob() {
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int braceDepth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed '[' in glob: " + glob);
                    }
                    String body = glob.substring(i + 1, end);
                    re.append('[');
                    if (body.startsWith("!")) {
                        re.append('^');
                        body = body.substring(1);
                    }
                    for (char b : body.toCharArray()) {
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                            re.append('\\');
                        }
                        re.append(b);
                    }
                    re.append(']');
                    i = end;
                }
                case '{' -> {
                    re.append("(?:");
                    braceDepth++;
                }
                case '}' -> {
                    if (braceDepth == 0) {
                        throw new IllegalArgumentException("unmatched '}' in glob: " + glob);
                    }
                    re.append(')');
                    braceDepth--;
                }
                case ',' -> re.append(braceDepth > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braceDepth != 0) {
            throw new IllegalArgumentException("unclosed '{' in glob: " + glob);
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
