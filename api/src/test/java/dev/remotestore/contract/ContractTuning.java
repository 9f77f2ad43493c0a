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
 */
public record ContractTuning(int fuzzIterations, int largeListingSize, boolean etagChangesOnEveryWrite,
        boolean serverCompareAndSwapIsAtomic) {
    public static final ContractTuning DEFAULTS = new ContractTuning(10_000, 2_500, true, true);

    public ContractTuning {
        if (fuzzIterations < 1 || largeListingSize < 1) {
            throw new IllegalArgumentException("tuning values must be positive: " + fuzzIterations + ", " + largeListingSize);
        }
    }
}
