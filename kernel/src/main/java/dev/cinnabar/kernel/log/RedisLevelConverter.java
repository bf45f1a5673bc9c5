package dev.cinnabar.kernel.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Prints a level as Redis does in its log lines: {@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning. */
public final class RedisLevelConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Level l = event.getLevel();
        if (l.isGreaterOrEqual(Level.WARN)) {
            return "#";
        }
        if (l.isGreaterOrEqual(Level.INFO)) {
            return "*";
        }
        if (l.isGreaterOrEqual(Level.DEBUG)) {
            return "-";
        }
        return ".";
    }
}
