package dev.remotestore.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event (message and stack trace as text) while open, for tests that check
 * what is logged; needs Logback as the SLF4J binding. Lowers the named loggers' levels while
 * open, so that DEBUG and TRACE lines are checked too, and restores them on close.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Map<Logger, Level> previous = new HashMap<>();

    /**
     * @param levels logger name to the level to apply while capturing, e.g. {@code "dev.remotestore" -> "TRACE"}
     */
    public LogCapture(Map<String, String> levels) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        levels.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            previous.put(logger, logger.getLevel());
            logger.setLevel(Level.toLevel(level));
        });
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Every event so far, each as its level, logger, formatted message and stack trace. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder sb = new StringBuilder().append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ")
                    .append(e.getFormattedMessage());
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                sb.append('\n').append(ThrowableProxyUtil.asString(t));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previous.forEach(Logger::setLevel);
    }
}
