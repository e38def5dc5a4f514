package dev.spotburst.instancetypes;

import java.util.Optional;

/**
 * Looks up instance type facts. Two implementations: {@link OfflineInstanceTypeCatalog} (bundled, common
 * families, works without credentials) and an EC2-backed one (DescribeInstanceTypes) outside this module.
 */
@FunctionalInterface
public interface InstanceTypeCatalog {

    Optional<InstanceTypeInfo> find(String instanceType);

    /** First catalogue that knows the type wins; e.g. EC2 first, the bundled file as fallback. */
    default InstanceTypeCatalog orElse(InstanceTypeCatalog fallback) {
        return type -> find(type).or(() -> fallback.find(type));
    }
}
