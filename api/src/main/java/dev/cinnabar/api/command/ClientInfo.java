package dev.cinnabar.api.command;

/** The connection a command runs for, as far as commands need to know it. */
public interface ClientInfo {

    /** {@code CLIENT ID}. */
    long id();

    /** {@code CLIENT SETNAME} name, empty when none. */
    String name();

    /** The RESP version the client speaks: 2 or 3. */
    int protocol();

    /** The selected database index. */
    int database();
}
