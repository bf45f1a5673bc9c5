package dev.cinnabar.api.command;

/**
 * Thrown by a command (or a helper it calls) to end with an error reply. The message is the
 * full Redis error text starting with its code, for example {@code "ERR syntax error"}. It
 * carries no stack trace: it is control flow, not a failure of the server.
 */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandException(String errorText) {
        super(errorText, null, false, false);
    }

    /** The error text as sent to the client (without the leading {@code -}). */
    public String errorText() {
        return getMessage();
    }

    public static CommandException wrongType() {
        return new CommandException(Errors.WRONGTYPE);
    }

    public static CommandException syntax() {
        return new CommandException(Errors.SYNTAX);
    }

    public static CommandException notInteger() {
        return new CommandException(Errors.NOT_INTEGER);
    }
}
