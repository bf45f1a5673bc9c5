package dev.cinnabar.kernel.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code loglevel} and {@code logfile} to the logging backend (pattern in logback.xml). */
public final class Logging {

    private Logging() {
    }

    /** Redis level name to logback level. */
    public static Level level(String redisLevel) {
        return switch (redisLevel) {
            case "debug" -> Level.TRACE;
            case "verbose" -> Level.DEBUG;
            case "warning" -> Level.WARN;
            default -> Level.INFO;
        };
    }

    public static void apply(String redisLevel, String logfile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(redisLevel));
        ctx.getLogger("io.netty").setLevel(Level.WARN);
        ctx.getLogger("org.pf4j").setLevel(Level.WARN);
        if (logfile != null && !logfile.isEmpty()) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%pid:M %d{dd MMM yyyy HH:mm:ss.SSS} %rlevel %msg%n");
            enc.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setFile(logfile);
            file.setEncoder(enc);
            file.start();
            root.detachAndStopAllAppenders();
            root.addAppender(file);
        }
    }
}
