package dev.oms.app.shipping;

import dev.oms.domain.shipping.Manifest;

/** Renders a submitted manifest as the document a driver signs (a PDF): the manifest, its parcels and a signature line. */
public interface ManifestFiles {
    byte[] pdf(Manifest manifest);
}
