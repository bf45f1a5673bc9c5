package dev.cinnabar.kernel.exec;

import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.net.Client;

/** Told about every executed command, after it ran (MONITOR, SLOWLOG, LATENCY). */
public interface CommandObserver {

    void executed(Client client, RegisteredCommand command, byte[][] argv, long startMillis, long durationMicros);

    /** A command that shows itself to MONITOR before it runs ({@code skip_monitor} commands such as EVAL). */
    default void shown(Client client, RegisteredCommand command, byte[][] argv) {
    }
}
