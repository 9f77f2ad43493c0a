package dev.remotestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether to draw the progress bar. {@code --progress} / {@code --no-progress} decide when given.
 * Otherwise the bar is drawn only when stderr is a terminal, which Java cannot ask directly
 * ({@code System.console()} looks at stdin and stdout), so in order:
 * <ol>
 *   <li>{@code RS_STDERR_TTY=1} or {@code 0}, which the {@code rs} launcher sets from {@code [ -t 2 ]};</li>
 *   <li>on Linux, where {@code /proc/self/fd/2} points: a {@code /dev/pts/N} or {@code /dev/ttyN} is a terminal;</li>
 *   <li>otherwise no bar.</li>
 * </ol>
 */
final class ProgressChoice {
    private ProgressChoice() {
    }

    static boolean show(Boolean flag) {
        if (flag != null) {
            return flag;
        }
        String told = System.getenv("RS_STDERR_TTY");
        if ("1".equals(told) || "0".equals(told)) {
            return "1".equals(told);
        }
        return stderrIsTerminalOnLinux();
    }

    private static boolean stderrIsTerminalOnLinux() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: no bar unless asked
        }
    }
}
