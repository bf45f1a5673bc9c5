/** FUNCTION and FCALL: the registry of function libraries, on any loaded script engine. */
module dev.cinnabar.functions {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.functions.FunctionsCommands;
}
