package dev.remotestore.gcs;

import static java.util.Map.entry;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.remotestore.Store;
import dev.remotestore.contract.ClosingStore;
import dev.remotestore.contract.StoreContractSuite;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole Store contract on google-cloud-nio's in-memory fake ({@link LocalStorageHelper}),
 * reset for every test. Every contract test runs here except those in {@link #LIVE_GCS_ONLY}:
 * the fake cannot check them, so they are reported as skipped with the reason, and
 * {@link EnvGcsStoreContractTest} runs them (with all the others) against a real bucket.
 *
 * <p>What the fake lacks (google-cloud-nio 0.135.0, {@code FakeStorageRpc}): it refuses every
 * option of a simple upload, so the {@code ifGenerationMatch} preconditions of create-only and
 * compare-and-swap writes cannot even be sent; it gives simple uploads no generation, so ETags
 * (generations) are empty there; it has no batch endpoint; its listing is one unsorted page.
 */
class FakeGcsStoreContractTest extends StoreContractSuite {

    /**
     * Left out: the nio fake keeps every object in this JVM's heap, so a 300 MiB round trip here
     * proves nothing about GCS. The GCS file paths are checked on the wire server
     * (GcsWireFileTransferTest) up to 16 MiB + 1; multi-GiB files need a real bucket.
     */
    @Override
    protected long largeTransferBytes() {
        return 0;
    }
    static final String BUCKET = "fake-bucket";

    private static final String NO_PRECONDITIONS =
            "the fake refuses every option of a simple upload (UnsupportedOperationException), so the "
                    + "ifGenerationMatch=0 precondition of a create-only write cannot be sent; GCS answers 412";
    private static final String NO_GENERATIONS =
            "the fake gives a simple upload no generation, and the ETag is the generation, so it is empty "
                    + "there and cannot be passed to ifMatch; GCS always returns one";
    private static final String EMPTY_ETAGS_COMPARE_EQUAL =
            "compares two ETags, which are both empty on the fake (no generations), so the assertion would pass vacuously";
    private static final String NO_BATCH =
            "deletes several files through a StorageBatch request, which the fake does not implement";

    /** Contract test method name -> why the fake cannot check it. The one list; keep it minimal. */
    static final Map<String, String> LIVE_GCS_ONLY = Map.ofEntries(
            // ConditionalWriteContract
            entry("createOnlyIsTheDefaultAndRefusesAnExistingFile", NO_PRECONDITIONS),
            entry("createOnlyWritesANewFile", NO_PRECONDITIONS),
            entry("createOnlyStreamFailsAtCommitWhenAnotherWriterCreatedTheFileMeanwhile", NO_PRECONDITIONS),
            entry("createOnlyStreamCommitsWhenTheFileIsStillMissing", NO_PRECONDITIONS),
            entry("writeResultEtagIsTheStoredEtag", NO_GENERATIONS),
            entry("ifMatchWithTheCurrentEtagReplacesAndReturnsANewEtag", NO_GENERATIONS),
            entry("ifMatchWithAStaleEtagFailsAndKeepsTheContent", NO_GENERATIONS),
            entry("ifMatchOnAMissingFileFailsWithPreconditionFailedAndWritesNothing", NO_GENERATIONS),
            entry("ifMatchStreamFailsAtCommitWhenTheFileChangedMeanwhile", NO_GENERATIONS),
            entry("ifMatchStreamCommitsWhenTheEtagStillMatches", NO_GENERATIONS),
            entry("ifMatchStreamOnAMissingFileFailsWithPreconditionFailed", NO_GENERATIONS),
            entry("ifMatchAfterAnOverwriteWithIdenticalBytesFails", NO_GENERATIONS),
            entry("ifMatchWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes", NO_GENERATIONS),
            entry("createOnlyIsRefusedWhenTheFileAlreadyHoldsTheSameBytes", NO_PRECONDITIONS),
            // MetadataContract
            entry("etagChangesOnOverwriteEvenWithIdenticalBytes", NO_GENERATIONS),
            entry("etagIsStableWhileTheFileIsUnchanged", EMPTY_ETAGS_COMPARE_EQUAL),
            entry("conditionalWritesReportExactlyTheUserMetadata", NO_GENERATIONS),
            // StreamingWriteContract
            entry("commitThenCloseKeepsTheFile", EMPTY_ETAGS_COMPARE_EQUAL),
            // ListingContract
            entry("listedFilesCarrySizeAndEtag", NO_GENERATIONS),
            entry("aLargeFolderListsEveryFileExactlyOnce",
                    "checks that a listing spans pages; the fake returns every object in one page (and a page"
                            + " size would truncate without a next-page token)"),
            // DeleteContract, ChildStoreContract
            entry("recursiveDeleteFolderDeletesEverythingBelowAndCountsIt", NO_BATCH),
            entry("recursiveDeleteOfTheRootEmptiesTheStore", NO_BATCH),
            entry("recursiveDeleteInAChildSparesTheRestOfTheParent", NO_BATCH),
            entry("aDeletedFileCanBeCreatedAgain", NO_PRECONDITIONS),
            // ConcurrencyContract
            entry("exactlyOneOfManyRacingCreateOnlyWritesWins", NO_PRECONDITIONS + "; the fake is not thread-safe either"),
            entry("compareAndSwapCounterLosesNoIncrement", NO_GENERATIONS + "; the fake is not thread-safe either"),
            // ErrorContextContract
            entry("alreadyExistsAndPreconditionFailedCarryTheContext", NO_PRECONDITIONS),
            // TransferContract (create-only and compare-and-swap uploads are checked on the wire
            // server: GcsWireFileTransferTest)
            entry("uploadIsCreateOnlyByDefaultAndLeavesAnExistingFileUntouched", NO_PRECONDITIONS),
            entry("uploadWithIfMatchSwapsOnlyTheExpectedVersion", NO_GENERATIONS),
            entry("uploadWithIfMatchOnAMissingFileFailsAndLeavesNothing", NO_GENERATIONS),
            entry("uploadWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes", NO_GENERATIONS),
            entry("aFolderCopyFailureCarriesTheTargetStoresContext", NO_PRECONDITIONS));

    @RegisterExtension
    static final LiveGcsOnly FAKE_CANNOT_CHECK = new LiveGcsOnly(LIVE_GCS_ONLY);

    @Override
    protected Store newStore() {
        Storage storage = LocalStorageHelper.getOptions().getService(); // resets the shared fake
        return Store.of("fake-gcs", GcsBackend.create(storage, GcsConfig.builder().bucket(BUCKET).build()));
    }

    @Override
    protected ClosingStore newStoreToClose() {
        GcsBackend backend = GcsBackend.create(store().unwrap(Storage.class), GcsConfig.builder().bucket(BUCKET).build());
        return new ClosingStore(Store.of("fake-gcs-closing", backend), backend::close);
    }

    @Override
    protected void cleanUp(Store store) {
        // Nothing to delete: the next test's newStore() resets the fake. (The default cleanup
        // deletes through deleteFolder, which batches, and the fake has no batch endpoint.)
    }
}
