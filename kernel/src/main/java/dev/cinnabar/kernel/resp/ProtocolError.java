package dev.cinnabar.kernel.resp;

/**
 * A request the decoder refused. {@code errorText} is sent as the reply and the connection is
 * closed once it is flushed; a {@code null} text closes the connection without a reply (the
 * query buffer limit and the cross-protocol guard).
 */
public record ProtocolError(String errorText) {

    static final ProtocolError CLOSE_SILENTLY = new ProtocolError(null);
}
