package dev.cinnabar.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Cinnabar's version, and the Redis version it reports to clients (which gate features on it). */
public final class Version {

    public static final String CINNABAR;
    public static final String REDIS;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new ExceptionInInitializerError(e);
        }
        CINNABAR = p.getProperty("cinnabar.version");
        REDIS = p.getProperty("redis.version");
    }

    private Version() {
    }
}
