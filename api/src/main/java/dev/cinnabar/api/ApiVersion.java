package dev.cinnabar.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this API, as {@code major.minor.patch}. The host compares it with the
 * {@code plugin.requires} expression of every plugin before loading it (see the package
 * documentation for what each digit means).
 */
public record ApiVersion(int major, int minor, int patch) implements Comparable<ApiVersion> {

    /** The version of the API this jar carries. */
    public static final ApiVersion CURRENT = load();

    /** Parses {@code "1.2.3"} (missing minor or patch count as zero). */
    public static ApiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length == 0 || parts.length > 3) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        int[] n = new int[3];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a version: " + text);
            }
        }
        return new ApiVersion(n[0], n[1], n[2]);
    }

    /**
     * Whether a plugin that declares {@code requires} can run on this version. Accepted forms:
     * {@code "1.0.0"} or {@code ">=1.0.0"} (same major, at least that minor/patch), {@code "^1.2"}
     * (same), {@code "*"} or empty (anything).
     */
    public boolean satisfies(String requires) {
        if (requires == null || requires.isBlank() || requires.trim().equals("*")) {
            return true;
        }
        String r = requires.trim();
        if (r.startsWith(">=")) {
            r = r.substring(2);
        } else if (r.startsWith("^")) {
            r = r.substring(1);
        }
        ApiVersion wanted = parse(r);
        return wanted.major == major && compareTo(wanted) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }

    private static ApiVersion load() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return parse(p.getProperty("api.version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
