package dev.remotestore.benchmarks;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;

/**
 * For the raw CRT baseline: removes {@code Expect: 100-continue}, which the CRT copies onto
 * CreateMultipartUpload and S3Proxy's Jetty then answers in a way the CRT reads as an empty body
 * (shared/TESTING.md). The s3-crt backend does the same with {@code crt.drop-expect-continue};
 * as a per-request plugin its interceptor runs after the SDK's own.
 */
final class DropExpectContinue implements ExecutionInterceptor {
    static final SdkPlugin PLUGIN = c -> {
        S3ServiceClientConfiguration.Builder s3 = (S3ServiceClientConfiguration.Builder) c;
        s3.overrideConfiguration(s3.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new DropExpectContinue()).build());
    };

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Expect").isPresent()
                ? request.toBuilder().removeHeader("Expect").build()
                : request;
    }
}
