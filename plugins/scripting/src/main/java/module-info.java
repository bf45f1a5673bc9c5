/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT: the script cache and the runs, on any loaded script engine. */
module dev.cinnabar.scripting {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.scripting.ScriptingCommands;
}
