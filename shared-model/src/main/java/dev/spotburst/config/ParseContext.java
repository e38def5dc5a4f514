package dev.spotburst.config;

import dev.spotburst.instancetypes.InstanceTypeCatalog;

/** What partitions.json checks consult beyond the file itself. */
record ParseContext(InstanceTypeCatalog catalog, SubnetDirectory subnets) {
}
