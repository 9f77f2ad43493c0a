package dev.remotestore.s3crt;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;

/**
 * Removes {@code Expect: 100-continue}. The SDK adds it to PutObject, and the CRT copies it
 * onto the body-less CreateMultipartUpload it derives; some gateways (S3Proxy's Jetty among
 * them) then answer in a way the CRT reads as an empty body. It must run after the SDK's own
 * interceptors, which a per-request plugin's interceptor does (a client-wide one runs before).
 *
 * <p>The backend adds it when {@code crt.drop-expect-continue = true}. For requests of your own on
 * the unwrapped {@code S3AsyncClient} against such a gateway:
 * {@code .overrideConfiguration(o -> o.addPlugin(DropExpectContinue.PLUGIN))}.
 */
public final class DropExpectContinue implements ExecutionInterceptor {
    /** Adds this interceptor to the request it is given to. */
    public static final SdkPlugin PLUGIN = c -> {
        S3ServiceClientConfiguration.Builder s3 = (S3ServiceClientConfiguration.Builder) c;
        s3.overrideConfiguration(s3.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new DropExpectContinue()).build());
    };

    private DropExpectContinue() {
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Expect").isPresent()
                ? request.toBuilder().removeHeader("Expect").build()
                : request;
    }
}
