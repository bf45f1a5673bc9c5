package dev.cinnabar.kernel.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The process id, first field of a Redis log line. */
public final class PidConverter extends ClassicConverter {

    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Override
    public String convert(ILoggingEvent event) {
        return PID;
    }
}
