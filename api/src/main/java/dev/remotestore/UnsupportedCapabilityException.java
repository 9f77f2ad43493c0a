package dev.remotestore;

/**
 * The backend cannot honour what was asked (see {@link Capability}); raised before any I/O instead of emulating the guarantee.
 */
public class UnsupportedCapabilityException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCapabilityException(String detail, String path, Throwable cause) {
        super(detail, path, cause);
    }

    public UnsupportedCapabilityException(String detail, String path) {
        super(detail, path, null);
    }
}
