package dev.remotestore.contract;

/**
 * How hard the heavy contracts push a backend. Slow backends lower these through the hooks of
 * {@link StoreContractSuite}.
 *
 * @param fuzzIterations how many generated paths {@link PathFuzzContract} writes
 * @param largeListingSize how many files {@link ListingContract} lists in one folder, enough to
 *     span several pages of a paginated listing
 */
public record ContractTuning(int fuzzIterations, int largeListingSize) {
    public static final ContractTuning DEFAULTS = new ContractTuning(10_000, 2_500);

    public ContractTuning {
        if (fuzzIterations < 1 || largeListingSize < 1) {
            throw new IllegalArgumentException("tuning values must be positive: " + fuzzIterations + ", " + largeListingSize);
        }
    }
}
