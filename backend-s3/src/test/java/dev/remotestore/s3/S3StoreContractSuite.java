package dev.remotestore.s3;

import dev.remotestore.contract.StoreContractSuite;

/**
 * The Store contract with S3's one declared difference: the ETag is derived from the content
 * (its MD5), so rewriting identical bytes keeps it. Every S3 server's suite extends this.
 */
public abstract class S3StoreContractSuite extends StoreContractSuite {
    @Override
    protected boolean etagChangesOnEveryWrite() {
        return false;
    }
}
