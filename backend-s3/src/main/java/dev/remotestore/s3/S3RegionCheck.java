package dev.remotestore.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Asks the SDK's own region chain, as the client builder will, whether it finds a region. */
final class S3RegionCheck {
    static final String MISSING = "missing: without an endpoint the AWS SDK needs a region, and its region chain finds none;"
            + " set region here (e.g. region = eu-west-1), or the AWS_REGION environment variable, or the aws.region"
            + " system property, or region in your profile of ~/.aws/config (AWS_PROFILE or aws.profile, else [default];"
            + " the file's place: AWS_CONFIG_FILE or aws.configFile)";

    private S3RegionCheck() {
    }

    static boolean chainHasRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion() != null;
        } catch (SdkClientException e) {
            return false;
        }
    }
}
