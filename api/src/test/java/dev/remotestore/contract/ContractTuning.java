package dev.remotestore.contract;

/**
 * How hard the heavy contracts push a backend, and the two places where a storage service is
 * allowed to differ. Backends set these through the hooks of {@link StoreContractSuite}.
 *
 * @param fuzzIterations how many generated paths {@link PathFuzzContract} writes
 * @param largeListingSize how many files {@link ListingContract} lists in one folder, enough to
 *     span several pages of a paginated listing
 * @param etagChangesOnEveryWrite whether every write gets a new ETag even for identical bytes
 *     ({@code local}, {@code memory}, GCS generations); {@code false} where the ETag is derived from
 *     the content (S3's MD5), and the contract then asserts that instead
 * @param serverCompareAndSwapIsAtomic {@code false} only for a test server known to evaluate
 *     {@code If-Match} and then write in two steps; the contention test is then not run, with
 *     that reason, and must run against a server that does it atomically
 * @param largeTransferBytes the size of {@link TransferContract}'s large upload/download/copy
 *     round trip (300 MiB by default); 0 leaves that one test out, with that reason
 */
public record ContractTuning(int fuzzIterations, int largeListingSize, boolean etagChangesOnEveryWrite,
        boolean serverCompareAndSwapIsAtomic, long largeTransferBytes) {
    /** The default size of the large transfer round trip. */
    public static final long LARGE_TRANSFER_BYTES = 300L * 1024 * 1024;
    public static final ContractTuning DEFAULTS = new ContractTuning(10_000, 2_500, true, true, LARGE_TRANSFER_BYTES);

    public ContractTuning {
        if (fuzzIterations < 1 || largeListingSize < 1 || largeTransferBytes < 0) {
            throw new IllegalArgumentException("tuning values must be positive: " + fuzzIterations + ", "
                    + largeListingSize + ", " + largeTransferBytes);
        }
    }

    /** The tuning without a large transfer size: the default one. */
    public ContractTuning(int fuzzIterations, int largeListingSize, boolean etagChangesOnEveryWrite,
            boolean serverCompareAndSwapIsAtomic) {
        this(fuzzIterations, largeListingSize, etagChangesOnEveryWrite, serverCompareAndSwapIsAtomic, LARGE_TRANSFER_BYTES);
    }
}
