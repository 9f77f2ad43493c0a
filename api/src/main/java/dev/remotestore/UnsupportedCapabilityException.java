package dev.remotestore;

/**
 * The backend cannot honour what was asked (see {@link Capability}); raised before any I/O instead of emulating the guarantee.
 */
public class UnsupportedCapabilityException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /** The sentence that opens this error's message on every backend. */
    public static final String HEADLINE = "Not supported";

    public UnsupportedCapabilityException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public UnsupportedCapabilityException(String detail, String path) {
        super(detail, path, null);
    }

    @Override
    public String headline() {
        return HEADLINE;
    }
}
