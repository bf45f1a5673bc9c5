package dev.cinnabar.functions;

/** What FUNCTION RESTORE does with libraries that already exist. */
enum RestorePolicy {
    /** Drop every existing library first. */
    FLUSH,
    /** Add the restored libraries; a name that exists fails the restore (the default). */
    APPEND,
    /** Add them, replacing libraries of the same name. */
    REPLACE
}
