package dev.cinnabar.api.config;

/**
 * Adds fields to an INFO section. A contributor for one of Redis's sections ({@code "memory"},
 * {@code "stats"}...) appends its fields after the kernel's; one for a new section name creates
 * that section, emitted after Redis's sections by {@code INFO all}/{@code everything} and when
 * named.
 */
public interface InfoContributor {

    /** The section name in lower case. */
    String section();

    /** Writes {@code name:value} fields. */
    void write(InfoWriter writer);

    /** Receives INFO fields. */
    interface InfoWriter {
        void field(String name, String value);

        default void field(String name, long value) {
            field(name, Long.toString(value));
        }
    }
}
