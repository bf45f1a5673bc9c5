package dev.cinnabar.functions;

import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;

import java.util.List;

/** One FCALL as the engine sees it. */
record FcallRun(List<byte[]> keys, List<byte[]> args, String name, ScriptHost host, ReplySink reply) implements ScriptRun {
}
