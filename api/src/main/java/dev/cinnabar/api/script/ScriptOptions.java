package dev.cinnabar.api.script;

/**
 * How a run may touch the dataset, from the script's flags and the command that runs it.
 *
 * @param readOnly    {@code no-writes} or an {@code *_RO} command: write commands are refused
 * @param allowOom    {@code allow-oom}: writes go on above {@code maxmemory}
 * @param allowStale  {@code allow-stale}
 * @param function    a function ({@code FCALL}) rather than an EVAL script: chooses the
 *                    {@code SCRIPT KILL}/{@code FUNCTION KILL} texts
 * @param name        the SHA1 or function name, for the log and kill messages
 */
public record ScriptOptions(boolean readOnly, boolean allowOom, boolean allowStale, boolean function, String name) {
}
