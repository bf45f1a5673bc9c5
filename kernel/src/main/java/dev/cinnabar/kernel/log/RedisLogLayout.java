package dev.cinnabar.kernel.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Redis's log line: {@code <pid>:M 25 Nov 2026 18:00:00.123 * message}, where the level is
 * {@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning. Written as a layout (no
 * pattern to parse) so that logging costs nothing at start-up.
 */
public final class RedisLogLayout extends LayoutBase<ILoggingEvent> {

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(PID).append(":M ").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(' ').append(levelChar(event.getLevel())).append(' ')
                .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            sb.append(ThrowableProxyUtil.asString(t)).append(CoreConstants.LINE_SEPARATOR);
        }
        return sb.toString();
    }

    static char levelChar(Level l) {
        if (l.isGreaterOrEqual(Level.WARN)) {
            return '#';
        }
        if (l.isGreaterOrEqual(Level.INFO)) {
            return '*';
        }
        return l.isGreaterOrEqual(Level.DEBUG) ? '-' : '.';
    }
}
