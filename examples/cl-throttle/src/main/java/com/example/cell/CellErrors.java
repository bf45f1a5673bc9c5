package com.example.cell;

import dev.cinnabar.api.command.CommandException;

/**
 * redis-cell's error replies, word for word. They carry their own prefix ({@code Cell error:})
 * instead of Redis's {@code ERR}, as the module sends them.
 */
final class CellErrors {

    static final String USAGE = "Cell error: Usage: cl.throttle <key> <max_burst> <count per period> <period> [<quantity>]";
    static final String ZERO_RATE = "Cell error: Zero rates are not supported";

    private CellErrors() {
    }

    static CommandException usage() {
        return new CommandException(USAGE);
    }

    static CommandException zeroRate() {
        return new CommandException(ZERO_RATE);
    }

    static CommandException notAnInteger(String argument) {
        return new CommandException("Cell error: Couldn't parse as integer: " + argument);
    }

    /** The key holds a string that is not a TAT (Rust's {@code ParseIntError} texts). */
    static CommandException badState(byte[] stored) {
        return new CommandException(stored.length == 0 ? "Cell error: cannot parse integer from empty string"
                : "Cell error: invalid digit found in string");
    }
}
