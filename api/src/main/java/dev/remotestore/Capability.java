package dev.remotestore;

/**
 * What a backend can guarantee beyond plain reads, writes, listing and deletion, which every
 * backend supports. A {@link Store} refuses an operation that needs a capability its backend
 * lacks with {@link UnsupportedCapabilityException}, before any I/O; which option or method
 * needs which capability is decided in one table ({@code CapabilityGate}).
 */
public enum Capability {
    /** Create-only writes ({@link WriteOptions#createOnly()}, the default) as a real precondition. */
    CREATE_ONLY,
    /** Compare-and-swap writes ({@link WriteOptions#ifMatch(String)}) as a real precondition. */
    COMPARE_AND_SWAP,
    /** User metadata stored with a file and returned by {@link Store#getFileInfo(String)}. */
    USER_METADATA,
    /** A content type stored with a file and returned by {@link Store#getFileInfo(String)}. */
    CONTENT_TYPE,
    /** Pre-signed URLs ({@link Store#presignRead}, {@link Store#presignWrite}). */
    PRESIGN,
    /**
     * Informational, gates nothing: {@link Store#move} is atomic (a reader sees the file at the
     * source or at the target, never at both or neither). Object stores copy then delete.
     */
    ATOMIC_MOVE,
    /** Informational, gates nothing: {@link FileInfo#version()} carries an object version. */
    VERSIONS
}
