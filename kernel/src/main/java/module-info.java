/** The Cinnabar server: network, RESP, executor, keyspace, configuration and the plugin host. */
module dev.cinnabar.kernel {
    requires transitive dev.cinnabar.api;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.pf4j;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires java.management;

    exports dev.cinnabar.kernel;

    uses dev.cinnabar.api.command.CommandFamily;
    uses dev.cinnabar.api.script.ScriptEngine;

    provides ch.qos.logback.classic.spi.Configurator with dev.cinnabar.kernel.log.LogConfigurator;

    opens dev.cinnabar.kernel.command;
    opens dev.cinnabar.kernel;
}
