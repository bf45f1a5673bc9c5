/**
 * The Cinnabar plugin API: everything a third party needs to write a command family (or a
 * script engine) without seeing the kernel. Plugins {@code requires dev.cinnabar.api} and declare
 * {@code provides dev.cinnabar.api.command.CommandFamily with ...} (or
 * {@code dev.cinnabar.api.script.ScriptEngine}).
 */
module dev.cinnabar.api {
    exports dev.cinnabar.api;
    exports dev.cinnabar.api.command;
    exports dev.cinnabar.api.config;
    exports dev.cinnabar.api.keyspace;
    exports dev.cinnabar.api.rdb;
    exports dev.cinnabar.api.reply;
    exports dev.cinnabar.api.script;

    // the kernel reads the version resource of this module
    opens dev.cinnabar.api;
}
