package dev.cinnabar.scripting;

import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;

import java.util.List;

/** One EVAL call as the engine sees it. */
record EvalRun(List<byte[]> keys, List<byte[]> args, String name, ScriptHost host, ReplySink reply) implements ScriptRun {
}
