package dev.cinnabar.kernel.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
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

    /** An encoder writing {@link RedisLogLayout} lines. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx) {
        RedisLogLayout layout = new RedisLogLayout();
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
        enc.setContext(ctx);
        enc.setLayout(layout);
        enc.start();
        return enc;
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
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setFile(logfile);
            file.setEncoder(encoder(ctx));
            file.start();
            root.detachAndStopAllAppenders();
            root.addAppender(file);
        }
    }
}
