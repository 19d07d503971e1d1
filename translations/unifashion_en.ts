<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
    <context>
        <name>uf::ui::AsyncImageLabel</name>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>The image cannot be read</source>
            <translation>The image cannot be read</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::AuditPage</name>
        <message>
            <source>Pending</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>Approved</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Show outputs with this status</source>
            <translation>Show outputs with this status</translation>
        </message>
        <message>
            <source>Show outputs made by this person</source>
            <translation>Show outputs made by this person</translation>
        </message>
        <message>
            <source>Show outputs made with this model</source>
            <translation>Show outputs made with this model</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Created by</source>
            <translation>Created by</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Enter approves the selected output, Delete rejects it</source>
            <translation>Enter approves the selected output, Delete rejects it</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>Review queue</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>No reference: made from the prompt only</source>
            <translation>No reference: made from the prompt only</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Output</translation>
        </message>
        <message>
            <source>Select an output in the queue</source>
            <translation>Select an output in the queue</translation>
        </message>
        <message>
            <source>Provenance</source>
            <translation>Provenance</translation>
        </message>
        <message>
            <source>Prompt, seed, steps, guidance, model and its hash, reference, creator</source>
            <translation>Prompt, seed, steps, guidance, model and its hash, reference, creator</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>Decision</translation>
        </message>
        <message>
            <source>Comment (required to reject)</source>
            <translation>Comment (required to reject)</translation>
        </message>
        <message>
            <source>Why you approve or reject; it is recorded in the audit log</source>
            <translation>Why you approve or reject; it is recorded in the audit log</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Approve</translation>
        </message>
        <message>
            <source>Approve the selected output (Enter)</source>
            <translation>Approve the selected output (Enter)</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <source>Reject the selected output (Delete); a comment is required</source>
            <translation>Reject the selected output (Delete); a comment is required</translation>
        </message>
        <message>
            <source>History</source>
            <translation>History</translation>
        </message>
        <message>
            <source>Verify log</source>
            <translation>Verify log</translation>
        </message>
        <message>
            <source>Check that no entry of the audit log was edited, removed or reordered</source>
            <translation>Check that no entry of the audit log was edited, removed or reordered</translation>
        </message>
        <message>
            <source>Export approved…</source>
            <translation>Export approved…</translation>
        </message>
        <message>
            <source>Export approved outputs to</source>
            <translation>Export approved outputs to</translation>
        </message>
        <message>
            <source>Exporting</source>
            <translation>Exporting</translation>
        </message>
        <message numerus="yes">
            <source>%n approved output(s) exported to %1</source>
            <translation>
                <numerusform>%n approved output exported to %1</numerusform>
                <numerusform>%n approved outputs exported to %1</numerusform>
            </translation>
        </message>
        <message>
            <source>The review queue is not available in this build.</source>
            <translation>The review queue is not available in this build.</translation>
        </message>
        <message>
            <source>Open a catalog to review its generated outputs.</source>
            <translation>Open a catalog to review its generated outputs.</translation>
        </message>
        <message>
            <source>Write approved images with their provenance (XMP) to a folder</source>
            <translation>Write approved images with their provenance (XMP) to a folder</translation>
        </message>
        <message>
            <source>Export becomes available once the export module is installed</source>
            <translation>Export becomes available once the export module is installed</translation>
        </message>
        <message>
            <source>Anyone / any</source>
            <translation>Anyone / any</translation>
        </message>
        <message>
            <source>Anyone</source>
            <translation>Anyone</translation>
        </message>
        <message>
            <source>Any model</source>
            <translation>Any model</translation>
        </message>
        <message>
            <source>Write why you reject it in the comment, then press Enter or Reject again.</source>
            <translation>Write why you reject it in the comment, then press Enter or Reject again.</translation>
        </message>
        <message>
            <source>No. %1 approved.</source>
            <translation>No. %1 approved.</translation>
        </message>
        <message>
            <source>No. %1 rejected.</source>
            <translation>No. %1 rejected.</translation>
        </message>
        <message>
            <source>Verifying…</source>
            <translation>Verifying…</translation>
        </message>
        <message numerus="yes">
            <source>Audit log intact: %n entry(ies) verified, head %1.</source>
            <translation>
                <numerusform>Audit log intact: %n entry verified, head %1.</numerusform>
                <numerusform>Audit log intact: %n entries verified, head %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>Audit log damaged — do not trust decisions after the entry named here. Restore the catalog from a backup.</source>
            <translation>Audit log damaged — do not trust decisions after the entry named here. Restore the catalog from a backup.</translation>
        </message>
        <message>
            <source>Skipped (they disagree with the audit log):</source>
            <translation>Skipped (they disagree with the audit log):</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::AuditQueueModel</name>
        <message>
            <source>Pending</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>Approved</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Prompt / text</source>
            <translation>Prompt / text</translation>
        </message>
        <message>
            <source>Created by</source>
            <translation>Created by</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Created</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::BreakdownModel</name>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Attribute</source>
            <translation>Attribute</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>Share</translation>
        </message>
        <message>
            <source>Recall@10</source>
            <translation>Recall@10</translation>
        </message>
        <message>
            <source>Composed search (changed attribute)</source>
            <translation>Composed search (changed attribute)</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::CatalogPage</name>
        <message>
            <source>Filter</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Show only products of this category</source>
            <translation>Show only products of this category</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Clear filters</translation>
        </message>
        <message>
            <source>Sort</source>
            <translation>Sort</translation>
        </message>
        <message>
            <source>Catalog order</source>
            <translation>Catalog order</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Recently updated</source>
            <translation>Recently updated</translation>
        </message>
        <message>
            <source>Order of the products in the grid</source>
            <translation>Order of the products in the grid</translation>
        </message>
        <message>
            <source>Open catalog…</source>
            <translation>Open catalog…</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>Open catalog folder</translation>
        </message>
        <message>
            <source>No catalog is open. Open a catalog folder, or create the demo catalog with “unifashion demo” and open it.</source>
            <translation>No catalog is open. Open a catalog folder, or create the demo catalog with “unifashion demo” and open it.</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>All categories</translation>
        </message>
        <message>
            <source>Any</source>
            <translation>Any</translation>
        </message>
        <message>
            <source>Show only products with this %1</source>
            <translation>Show only products with this %1</translation>
        </message>
        <message>
            <source>Loading… %1 of %2 products</source>
            <translation>Loading… %1 of %2 products</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message numerus="yes">
            <source>%n product(s)</source>
            <translation>
                <numerusform>%n product</numerusform>
                <numerusform>%n products</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>uf::ui::Chip</name>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::ColumnMappingModel</name>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Title (language detected)</source>
            <translation>Title (language detected)</translation>
        </message>
        <message>
            <source>Title (Japanese)</source>
            <translation>Title (Japanese)</translation>
        </message>
        <message>
            <source>Title (English)</source>
            <translation>Title (English)</translation>
        </message>
        <message>
            <source>Description (language detected)</source>
            <translation>Description (language detected)</translation>
        </message>
        <message>
            <source>Description (Japanese)</source>
            <translation>Description (Japanese)</translation>
        </message>
        <message>
            <source>Description (English)</source>
            <translation>Description (English)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Images (several)</source>
            <translation>Images (several)</translation>
        </message>
        <message>
            <source>Split (train/test)</source>
            <translation>Split (train/test)</translation>
        </message>
        <message>
            <source>Ignored</source>
            <translation>Ignored</translation>
        </message>
        <message>
            <source>Attribute: %1</source>
            <translation>Attribute: %1</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>Column in the file</translation>
        </message>
        <message>
            <source>Imported as</source>
            <translation>Imported as</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>First values</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::GeneratePage</name>
        <message>
            <source>Variations</source>
            <translation>Variations</translation>
        </message>
        <message>
            <source>e.g. red striped shirt / 赤いストライプのシャツ</source>
            <translation>e.g. red striped shirt / 赤いストライプのシャツ</translation>
        </message>
        <message>
            <source>What to draw, in Japanese or English. With a reference: the change to make</source>
            <translation>What to draw, in Japanese or English. With a reference: the change to make</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Generate without a reference</source>
            <translation>Generate without a reference</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Type a product's SKU and press Enter to use its photo as the reference</source>
            <translation>Type a product's SKU and press Enter to use its photo as the reference</translation>
        </message>
        <message>
            <source>Photo…</source>
            <translation>Photo…</translation>
        </message>
        <message>
            <source>Use a photo file as the reference</source>
            <translation>Use a photo file as the reference</translation>
        </message>
        <message>
            <source>Reference (optional)</source>
            <translation>Reference (optional)</translation>
        </message>
        <message>
            <source>How many variations to draw</source>
            <translation>How many variations to draw</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>Count</translation>
        </message>
        <message>
            <source>The same seed and settings give the same images</source>
            <translation>The same seed and settings give the same images</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>Random</translation>
        </message>
        <message>
            <source>Pick a new seed each time (it is recorded with the outputs)</source>
            <translation>Pick a new seed each time (it is recorded with the outputs)</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Seed</translation>
        </message>
        <message>
            <source>Sampling steps: more is slower and usually cleaner</source>
            <translation>Sampling steps: more is slower and usually cleaner</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <source>How closely to follow the prompt; 2–3 keeps variety</source>
            <translation>How closely to follow the prompt; 2–3 keeps variety</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>Guidance</translation>
        </message>
        <message>
            <source>With a reference: how much of it may change. Lower keeps more of its shape; 1 draws it anew</source>
            <translation>With a reference: how much of it may change. Lower keeps more of its shape; 1 draws it anew</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>DPM++ 2M (fewer steps)</source>
            <translation>DPM++ 2M (fewer steps)</translation>
        </message>
        <message>
            <source>DDIM</source>
            <translation>DDIM</translation>
        </message>
        <message>
            <source>How each step is taken. DPM++ 2M draws in about 12 steps what DDIM draws in 25; each output records which was used</source>
            <translation>How each step is taken. DPM++ 2M draws in about 12 steps what DDIM draws in 25; each output records which was used</translation>
        </message>
        <message>
            <source>Sampler</source>
            <translation>Sampler</translation>
        </message>
        <message>
            <source>Draft: half the size, faster</source>
            <translation>Draft: half the size, faster</translation>
        </message>
        <message>
            <source>Skip the model&apos;s upscaler: quick sketches to choose from, drawn again full size later with the same seed</source>
            <translation>Skip the model&apos;s upscaler: quick sketches to choose from, drawn again full size later with the same seed</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Generate</translation>
        </message>
        <message>
            <source>Draw the variations; they go to the review queue</source>
            <translation>Draw the variations; they go to the review queue</translation>
        </message>
        <message>
            <source>Latest outputs</source>
            <translation>Latest outputs</translation>
        </message>
        <message>
            <source>Outputs go to the review queue as pending. Nothing is used or exported until a reviewer approves it.</source>
            <translation>Outputs go to the review queue as pending. Nothing is used or exported until a reviewer approves it.</translation>
        </message>
        <message>
            <source>Open review queue</source>
            <translation>Open review queue</translation>
        </message>
        <message>
            <source>Draft a description</source>
            <translation>Draft a description</translation>
        </message>
        <message>
            <source>The product whose photo is described</source>
            <translation>The product whose photo is described</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>Japanese</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <source>Write a description draft from the photo; it goes to the review queue</source>
            <translation>Write a description draft from the photo; it goes to the review queue</translation>
        </message>
        <message>
            <source>The draft appears here (pending review).</source>
            <translation>The draft appears here (pending review).</translation>
        </message>
        <message>
            <source>Reference photo</source>
            <translation>Reference photo</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
            <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
        </message>
        <message>
            <source>Generation is not available yet: this build has no image generator. The form is ready and becomes active once the model's generation module is installed.</source>
            <translation>Generation is not available yet: this build has no image generator. The form is ready and becomes active once the model's generation module is installed.</translation>
        </message>
        <message>
            <source>Open a catalog first: outputs are stored in the catalog's review queue.</source>
            <translation>Open a catalog first: outputs are stored in the catalog's review queue.</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>No model pack is installed. Choose one in Settings → Model pack.</translation>
        </message>
        <message>
            <source>Description drafts are available once the model and a catalog are present</source>
            <translation>Description drafts are available once the model and a catalog are present</translation>
        </message>
        <message>
            <source>Product %1</source>
            <translation>Product %1</translation>
        </message>
        <message>
            <source>There is no product %1 in this catalog.</source>
            <translation>There is no product %1 in this catalog.</translation>
        </message>
        <message>
            <source>Write a prompt first, e.g. “navy dress with dots”.</source>
            <translation>Write a prompt first, e.g. “navy dress with dots”.</translation>
        </message>
        <message>
            <source>Generating</source>
            <translation>Generating</translation>
        </message>
        <message>
            <source>No. %1 · pending</source>
            <translation>No. %1 · pending</translation>
        </message>
        <message>
            <source>Cancelled. Nothing was stored; run again to generate.</source>
            <translation>Cancelled. Nothing was stored; run again to generate.</translation>
        </message>
        <message numerus="yes">
            <source>%n output(s) sent to the review queue (seed %1).</source>
            <translation>
                <numerusform>%n output sent to the review queue (seed %1).</numerusform>
                <numerusform>%n outputs sent to the review queue (seed %1).</numerusform>
            </translation>
        </message>
        <message>
            <source>Type the SKU of the product to describe.</source>
            <translation>Type the SKU of the product to describe.</translation>
        </message>
        <message>
            <source>Drafting</source>
            <translation>Drafting</translation>
        </message>
        <message>
            <source>Draft No. %1 sent to the review queue.</source>
            <translation>Draft No. %1 sent to the review queue.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobError</name>
        <message>
            <source>The catalog could not be read or written. Check that the catalog folder exists, that the disk is not full and that you may write there, then try again.</source>
            <translation>The catalog could not be read or written. Check that the catalog folder exists, that the disk is not full and that you may write there, then try again.</translation>
        </message>
        <message>
            <source>The model pack could not be loaded. Choose another model pack in Settings, or reinstall the application to restore the default one.</source>
            <translation>The model pack could not be loaded. Choose another model pack in Settings, or reinstall the application to restore the default one.</translation>
        </message>
        <message>
            <source>The search index is damaged or does not match the catalog. Rebuild it in Tasks → Index.</source>
            <translation>The search index is damaged or does not match the catalog. Rebuild it in Tasks → Index.</translation>
        </message>
        <message>
            <source>The input was not accepted. Check the file, image or query named in the details and try again.</source>
            <translation>The input was not accepted. Check the file, image or query named in the details and try again.</translation>
        </message>
        <message>
            <source>This cannot be done with the current settings. Check the values you entered and try again.</source>
            <translation>This cannot be done with the current settings. Check the values you entered and try again.</translation>
        </message>
        <message>
            <source>The catalog's rules do not allow this (for example, approving your own output). Ask another reviewer, or change the rule in the catalog settings.</source>
            <translation>The catalog's rules do not allow this (for example, approving your own output). Ask another reviewer, or change the rule in the catalog settings.</translation>
        </message>
        <message>
            <source>The operation failed. The details below say what went wrong; fix it and try again.</source>
            <translation>The operation failed. The details below say what went wrong; fix it and try again.</translation>
        </message>
        <message>
            <source>The computer ran out of memory. Close other applications or use smaller settings, then try again.</source>
            <translation>The computer ran out of memory. Close other applications or use smaller settings, then try again.</translation>
        </message>
        <message>
            <source>An unexpected error occurred. Try again; if it happens again, restart the application.</source>
            <translation>An unexpected error occurred. Try again; if it happens again, restart the application.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobPanel</name>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Stop the job at the next safe point; what is finished is kept</source>
            <translation>Stop the job at the next safe point; what is finished is kept</translation>
        </message>
        <message>
            <source>Stopping at the next safe point…</source>
            <translation>Stopping at the next safe point…</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobRunner</name>
        <message>
            <source>The job stopped with an unexpected error. Try again; if it happens again, restart the application.</source>
            <translation>The job stopped with an unexpected error. Try again; if it happens again, restart the application.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::MainWindow</name>
        <message>
            <source>Screens</source>
            <translation>Screens</translation>
        </message>
        <message>
            <source>Catalog</source>
            <translation>Catalog</translation>
        </message>
        <message>
            <source>Browse the products (Ctrl+1)</source>
            <translation>Browse the products (Ctrl+1)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Search by text, photo, or both (Ctrl+2)</source>
            <translation>Search by text, photo, or both (Ctrl+2)</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Generate</translation>
        </message>
        <message>
            <source>Draw variations and draft descriptions (Ctrl+3)</source>
            <translation>Draw variations and draft descriptions (Ctrl+3)</translation>
        </message>
        <message>
            <source>Audit</source>
            <translation>Audit</translation>
        </message>
        <message>
            <source>Approve or reject generated outputs (Ctrl+4)</source>
            <translation>Approve or reject generated outputs (Ctrl+4)</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Tasks</translation>
        </message>
        <message>
            <source>Import, index, fine-tune, evaluate (Ctrl+5)</source>
            <translation>Import, index, fine-tune, evaluate (Ctrl+5)</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Catalog, model, device, language (Ctrl+6)</source>
            <translation>Catalog, model, device, language (Ctrl+6)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Open catalog…</source>
            <translation>&amp;Open catalog…</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>Open catalog folder</translation>
        </message>
        <message>
            <source>Not a catalog</source>
            <translation>Not a catalog</translation>
        </message>
        <message>
            <source>%1 holds no catalog (catalog.sqlite is missing). Choose the folder made by “unifashion import” or “unifashion demo”.</source>
            <translation>%1 holds no catalog (catalog.sqlite is missing). Choose the folder made by “unifashion import” or “unifashion demo”.</translation>
        </message>
        <message>
            <source>&amp;Import products…</source>
            <translation>&amp;Import products…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Find…</translation>
        </message>
        <message>
            <source>Search the catalog</source>
            <translation>Search the catalog</translation>
        </message>
        <message>
            <source>&amp;Paste photo to search</source>
            <translation>&amp;Paste photo to search</translation>
        </message>
        <message>
            <source>The clipboard holds no image to search with.</source>
            <translation>The clipboard holds no image to search with.</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;About UniFashion Studio</source>
            <translation>&amp;About UniFashion Studio</translation>
        </message>
        <message>
            <source>About UniFashion Studio</source>
            <translation>About UniFashion Studio</translation>
        </message>
        <message>
            <source>&lt;b&gt;UniFashion Studio %1&lt;/b&gt;&lt;p&gt;Search and generate fashion images with one model, in Japanese and English. Every generated output waits for a reviewer's approval.&lt;/p&gt;</source>
            <translation>&lt;b&gt;UniFashion Studio %1&lt;/b&gt;&lt;p&gt;Search and generate fashion images with one model, in Japanese and English. Every generated output waits for a reviewer's approval.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>UniFashion Studio</source>
            <translation>UniFashion Studio</translation>
        </message>
        <message>
            <source>%1 — UniFashion Studio</source>
            <translation>%1 — UniFashion Studio</translation>
        </message>
        <message>
            <source>No catalog open</source>
            <translation>No catalog open</translation>
        </message>
        <message>
            <source>Catalog: %1 · %2 products</source>
            <translation>Catalog: %1 · %2 products</translation>
        </message>
        <message>
            <source>Catalog: %1</source>
            <translation>Catalog: %1</translation>
        </message>
        <message>
            <source>No model pack</source>
            <translation>No model pack</translation>
        </message>
        <message>
            <source>Model: %1 (%2)</source>
            <translation>Model: %1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::ProductDetailPane</name>
        <message>
            <source>Select a product to see its details.</source>
            <translation>Select a product to see its details.</translation>
        </message>
        <message>
            <source>No image</source>
            <translation>No image</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>Japanese</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>Attribute</source>
            <translation>Attribute</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Search similar</source>
            <translation>Search similar</translation>
        </message>
        <message>
            <source>Open Search with this product's photo as the query</source>
            <translation>Open Search with this product's photo as the query</translation>
        </message>
        <message>
            <source>Variations</source>
            <translation>Variations</translation>
        </message>
        <message>
            <source>Open Generate with this product as the reference</source>
            <translation>Open Generate with this product as the reference</translation>
        </message>
        <message>
            <source>Draft text</source>
            <translation>Draft text</translation>
        </message>
        <message>
            <source>Draft a product description from the photo (goes to the review queue)</source>
            <translation>Draft a product description from the photo (goes to the review queue)</translation>
        </message>
        <message>
            <source>Similar items</source>
            <translation>Similar items</translation>
        </message>
        <message>
            <source>This product is no longer in the catalog.</source>
            <translation>This product is no longer in the catalog.</translation>
        </message>
        <message>
            <source>training split</source>
            <translation>training split</translation>
        </message>
        <message>
            <source>test split</source>
            <translation>test split</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s)</source>
            <translation>
                <numerusform>%n image</numerusform>
                <numerusform>%n images</numerusform>
            </translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>Source: %1</source>
            <translation>Source: %1</translation>
        </message>
        <message>
            <source>Updated: %1</source>
            <translation>Updated: %1</translation>
        </message>
        <message>
            <source>The product could not be read from the catalog.</source>
            <translation>The product could not be read from the catalog.</translation>
        </message>
        <message>
            <source>Similar items appear here once the search index is built (Tasks → Index).</source>
            <translation>Similar items appear here once the search index is built (Tasks → Index).</translation>
        </message>
        <message>
            <source>Similar items appear here once search is installed and the index is built.</source>
            <translation>Similar items appear here once search is installed and the index is built.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::RecentSearchesModel</name>
        <message>
            <source>like %1</source>
            <translation>like %1</translation>
        </message>
        <message>
            <source>photo %1</source>
            <translation>photo %1</translation>
        </message>
        <message>
            <source>Run this search again</source>
            <translation>Run this search again</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::RejectedRowsModel</name>
        <message>
            <source>Row</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::SearchPage</name>
        <message>
            <source>Search in Japanese or English, e.g. 紺のストライプシャツ or navy striped shirt</source>
            <translation>Search in Japanese or English, e.g. 紺のストライプシャツ or navy striped shirt</translation>
        </message>
        <message>
            <source>Describe what you look for (Ctrl+F). With a photo, describe the change: “in navy”</source>
            <translation>Describe what you look for (Ctrl+F). With a photo, describe the change: “in navy”</translation>
        </message>
        <message>
            <source>Photo…</source>
            <translation>Photo…</translation>
        </message>
        <message>
            <source>Search with a photo file (you can also drop a photo here)</source>
            <translation>Search with a photo file (you can also drop a photo here)</translation>
        </message>
        <message>
            <source>Paste a photo from the clipboard (Ctrl+V)</source>
            <translation>Paste a photo from the clipboard (Ctrl+V)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Run the search (Enter)</source>
            <translation>Run the search (Enter)</translation>
        </message>
        <message>
            <source>Remove the photo (search by text only)</source>
            <translation>Remove the photo (search by text only)</translation>
        </message>
        <message>
            <source>Hide results whose score is below this value</source>
            <translation>Hide results whose score is below this value</translation>
        </message>
        <message>
            <source>Relevance cut-off</source>
            <translation>Relevance cut-off</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>Recent searches</source>
            <translation>Recent searches</translation>
        </message>
        <message>
            <source>Double-click or press Enter to run a search again</source>
            <translation>Double-click or press Enter to run a search again</translation>
        </message>
        <message>
            <source>Search with a photo</source>
            <translation>Search with a photo</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
            <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
        </message>
        <message>
            <source>The clipboard holds no image. Copy a photo first, then paste it here.</source>
            <translation>The clipboard holds no image. Copy a photo first, then paste it here.</translation>
        </message>
        <message>
            <source>Read as: %1</source>
            <translation>Read as: %1</translation>
        </message>
        <message>
            <source>Relevance cut-off: %1</source>
            <translation>Relevance cut-off: %1</translation>
        </message>
        <message>
            <source>Search is not available yet: this build has no search module. It becomes available once the index can be built in Tasks → Index.</source>
            <translation>Search is not available yet: this build has no search module. It becomes available once the index can be built in Tasks → Index.</translation>
        </message>
        <message>
            <source>Open a catalog first (Settings → Catalog).</source>
            <translation>Open a catalog first (Settings → Catalog).</translation>
        </message>
        <message>
            <source>Search is available when the index is built. Build it in Tasks → Index.</source>
            <translation>Search is available when the index is built. Build it in Tasks → Index.</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>No model pack is installed. Choose one in Settings → Model pack.</translation>
        </message>
        <message>
            <source>Photo: %1</source>
            <translation>Photo: %1</translation>
        </message>
        <message>
            <source>Optional: describe the change, e.g. “in navy” or “紺色で”</source>
            <translation>Optional: describe the change, e.g. “in navy” or “紺色で”</translation>
        </message>
        <message>
            <source>The pasted image could not be saved to %1. Check the disk space.</source>
            <translation>The pasted image could not be saved to %1. Check the disk space.</translation>
        </message>
        <message>
            <source>Pasted photo</source>
            <translation>Pasted photo</translation>
        </message>
        <message>
            <source>Like %1</source>
            <translation>Like %1</translation>
        </message>
        <message>
            <source>Type what you look for, or add a photo.</source>
            <translation>Type what you look for, or add a photo.</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>Results appear here with their scores.</source>
            <translation>Results appear here with their scores.</translation>
        </message>
        <message>
            <source>No results.</source>
            <translation>No results.</translation>
        </message>
        <message numerus="yes">
            <source>%n result(s)</source>
            <translation>
                <numerusform>%n result</numerusform>
                <numerusform>%n results</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n hidden under the cut-off)</source>
            <translation>
                <numerusform>(%n hidden under the cut-off)</numerusform>
                <numerusform>(%n hidden under the cut-off)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::SettingsPage</name>
        <message>
            <source>Catalog</source>
            <translation>Catalog</translation>
        </message>
        <message>
            <source>Folder holding catalog.sqlite</source>
            <translation>Folder holding catalog.sqlite</translation>
        </message>
        <message>
            <source>Type a catalog folder and press Enter, or choose one</source>
            <translation>Type a catalog folder and press Enter, or choose one</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>Catalog folder</source>
            <translation>Catalog folder</translation>
        </message>
        <message>
            <source>Reopen the last catalog at start</source>
            <translation>Reopen the last catalog at start</translation>
        </message>
        <message>
            <source>Open the demo catalog</source>
            <translation>Open the demo catalog</translation>
        </message>
        <message>
            <source>The demo catalog made by “unifashion demo” in %1</source>
            <translation>The demo catalog made by “unifashion demo” in %1</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Default model pack</source>
            <translation>Default model pack</translation>
        </message>
        <message>
            <source>Leave empty to use the model pack shipped with the application</source>
            <translation>Leave empty to use the model pack shipped with the application</translation>
        </message>
        <message>
            <source>Model pack</source>
            <translation>Model pack</translation>
        </message>
        <message>
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <source>CUDA (NVIDIA GPU)</source>
            <translation>CUDA (NVIDIA GPU)</translation>
        </message>
        <message>
            <source>No CUDA device is available to this build</source>
            <translation>No CUDA device is available to this build</translation>
        </message>
        <message>
            <source>Where the model runs</source>
            <translation>Where the model runs</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>Device</translation>
        </message>
        <message>
            <source>Automatic (one per core)</source>
            <translation>Automatic (one per core)</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>Threads</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>System language</translation>
        </message>
        <message>
            <source>The language of the application's screens</source>
            <translation>The language of the application's screens</translation>
        </message>
        <message>
            <source>The window switches language at once; while a job runs, the change waits until the next start.</source>
            <translation>The window switches language at once; while a job runs, the change waits until the next start.</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>Open catalog folder</translation>
        </message>
        <message>
            <source>Choose a model pack folder</source>
            <translation>Choose a model pack folder</translation>
        </message>
        <message>
            <source>Open.</source>
            <translation>Open.</translation>
        </message>
        <message>
            <source>No catalog in this folder (catalog.sqlite is missing). Create one with “unifashion import” or “unifashion demo”.</source>
            <translation>No catalog in this folder (catalog.sqlite is missing). Create one with “unifashion import” or “unifashion demo”.</translation>
        </message>
        <message>
            <source>No catalog is open.</source>
            <translation>No catalog is open.</translation>
        </message>
        <message>
            <source>No model pack is installed: search, generation and drafts stay off. Choose a pack folder or reinstall the application.</source>
            <translation>No model pack is installed: search, generation and drafts stay off. Choose a pack folder or reinstall the application.</translation>
        </message>
        <message>
            <source>In use: %1</source>
            <translation>In use: %1</translation>
        </message>
        <message>
            <source>CPU threads for fine-tuning and evaluation</source>
            <translation>CPU threads for fine-tuning and evaluation</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::StudioApp</name>
        <message>
            <source>UniFashion Studio: search and generate fashion images with one model.</source>
            <translation>UniFashion Studio: search and generate fashion images with one model.</translation>
        </message>
        <message>
            <source>Open the catalog in folder DIR.</source>
            <translation>Open the catalog in folder DIR.</translation>
        </message>
        <message>
            <source>Interface language: ja or en.</source>
            <translation>Interface language: ja or en.</translation>
        </message>
        <message>
            <source>Save a PNG of each main screen into DIR.</source>
            <translation>Save a PNG of each main screen into DIR.</translation>
        </message>
        <message>
            <source>Quit once the screenshots are saved.</source>
            <translation>Quit once the screenshots are saved.</translation>
        </message>
        <message>
            <source>--lang must be ja or en, not “%1”.</source>
            <translation>--lang must be ja or en, not “%1”.</translation>
        </message>
        <message>
            <source>--quit-after-screenshots needs --screenshot-dir DIR.</source>
            <translation>--quit-after-screenshots needs --screenshot-dir DIR.</translation>
        </message>
        <message>
            <source>%1 holds no catalog (catalog.sqlite is missing). Create it with “unifashion demo” or open another folder.</source>
            <translation>%1 holds no catalog (catalog.sqlite is missing). Create it with “unifashion demo” or open another folder.</translation>
        </message>
        <message>
            <source>The language changes at the next start (a job is running).</source>
            <translation>The language changes at the next start (a job is running).</translation>
        </message>
        <message>
            <source>Cannot create the folder %1.</source>
            <translation>Cannot create the folder %1.</translation>
        </message>
        <message>
            <source>The window was closed.</source>
            <translation>The window was closed.</translation>
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>Cannot write %1.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::TasksPage</name>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>Index</translation>
        </message>
        <message>
            <source>Fine-tuning</source>
            <translation>Fine-tuning</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <source>A CSV (UTF-8 or Shift_JIS), TSV or JSON Lines file</source>
            <translation>A CSV (UTF-8 or Shift_JIS), TSV or JSON Lines file</translation>
        </message>
        <message>
            <source>The product list to import; image paths in it are relative to the file</source>
            <translation>The product list to import; image paths in it are relative to the file</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Copy images into the catalog</source>
            <translation>Copy images into the catalog</translation>
        </message>
        <message>
            <source>The catalog keeps its own copy; moving the originals does no harm</source>
            <translation>The catalog keeps its own copy; moving the originals does no harm</translation>
        </message>
        <message>
            <source>Reference images where they are</source>
            <translation>Reference images where they are</translation>
        </message>
        <message>
            <source>Saves space; the images must stay where they are (read-only)</source>
            <translation>Saves space; the images must stay where they are (read-only)</translation>
        </message>
        <message>
            <source>Preview: column mapping and encoding</source>
            <translation>Preview: column mapping and encoding</translation>
        </message>
        <message>
            <source>Choose a file to see how its columns will be read.</source>
            <translation>Choose a file to see how its columns will be read.</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Import the file; bad rows are listed below and the rest is imported</source>
            <translation>Import the file; bad rows are listed below and the rest is imported</translation>
        </message>
        <message>
            <source>Rejected rows</source>
            <translation>Rejected rows</translation>
        </message>
        <message>
            <source>Choose a product file</source>
            <translation>Choose a product file</translation>
        </message>
        <message>
            <source>Product lists (*.csv *.tsv *.txt *.jsonl *.ndjson *.json);;All files (*)</source>
            <translation>Product lists (*.csv *.tsv *.txt *.jsonl *.ndjson *.json);;All files (*)</translation>
        </message>
        <message>
            <source>The preview is not available in this build.</source>
            <translation>The preview is not available in this build.</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>Reading %1…</translation>
        </message>
        <message numerus="yes">
            <source>Format: %1 · Encoding: %2 · %n row(s)</source>
            <translation>
                <numerusform>Format: %1 · Encoding: %2 · %n row</numerusform>
                <numerusform>Format: %1 · Encoding: %2 · %n rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) with problems (listed after the import)</source>
            <translation>
                <numerusform>%n row with problems (listed after the import)</numerusform>
                <numerusform>%n rows with problems (listed after the import)</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a file to import first.</source>
            <translation>Choose a file to import first.</translation>
        </message>
        <message>
            <source>Importing</source>
            <translation>Importing</translation>
        </message>
        <message>
            <source>New: %1 · Updated: %2 · Unchanged: %3 · Rejected: %4</source>
            <translation>New: %1 · Updated: %2 · Unchanged: %3 · Rejected: %4</translation>
        </message>
        <message>
            <source>Cancelled. What was imported so far is kept; import the file again to finish.</source>
            <translation>Cancelled. What was imported so far is kept; import the file again to finish.</translation>
        </message>
        <message>
            <source>Some rows were rejected: see the reasons below, fix the file and import it again (unchanged rows are skipped).</source>
            <translation>Some rows were rejected: see the reasons below, fix the file and import it again (unchanged rows are skipped).</translation>
        </message>
        <message>
            <source>Import finished.</source>
            <translation>Import finished.</translation>
        </message>
        <message>
            <source>The index lets you search the catalog by text and by photo. It embeds every product image and description with the model pack; only new or changed products are embedded again.</source>
            <translation>The index lets you search the catalog by text and by photo. It embeds every product image and description with the model pack; only new or changed products are embedded again.</translation>
        </message>
        <message>
            <source>Build index</source>
            <translation>Build index</translation>
        </message>
        <message>
            <source>Embed new and changed products and update the index</source>
            <translation>Embed new and changed products and update the index</translation>
        </message>
        <message>
            <source>Indexing</source>
            <translation>Indexing</translation>
        </message>
        <message>
            <source>Cancelled. %1 of %2 products were embedded and are kept; build again to finish.</source>
            <translation>Cancelled. %1 of %2 products were embedded and are kept; build again to finish.</translation>
        </message>
        <message>
            <source>Index ready: %1 products embedded.</source>
            <translation>Index ready: %1 products embedded.</translation>
        </message>
        <message>
            <source>Phase 2 adapts the model to this catalog with composed examples (“the same dress in navy”). Only the query transformer and adapters learn; the result is a new model pack.</source>
            <translation>Phase 2 adapts the model to this catalog with composed examples (“the same dress in navy”). Only the query transformer and adapters learn; the result is a new model pack.</translation>
        </message>
        <message>
            <source>Training steps</source>
            <translation>Training steps</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Steps</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>no limit</translation>
        </message>
        <message>
            <source>Stop after this many minutes even if steps remain (0: no limit)</source>
            <translation>Stop after this many minutes even if steps remain (0: no limit)</translation>
        </message>
        <message>
            <source>Time limit (minutes)</source>
            <translation>Time limit (minutes)</translation>
        </message>
        <message>
            <source>Folder for the new model pack</source>
            <translation>Folder for the new model pack</translation>
        </message>
        <message>
            <source>Output pack</source>
            <translation>Output pack</translation>
        </message>
        <message>
            <source>Start fine-tuning</source>
            <translation>Start fine-tuning</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>Training loss</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Step</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>Loss</translation>
        </message>
        <message>
            <source>Loss (live)</source>
            <translation>Loss (live)</translation>
        </message>
        <message>
            <source>Stopped after %1 steps; the checkpoint is kept in %2.</source>
            <translation>Stopped after %1 steps; the checkpoint is kept in %2.</translation>
        </message>
        <message>
            <source>Done: %1 steps. New model pack: %2 (select it in Settings).</source>
            <translation>Done: %1 steps. New model pack: %2 (select it in Settings).</translation>
        </message>
        <message>
            <source>Retrieval quality (Recall@K)</source>
            <translation>Retrieval quality (Recall@K)</translation>
        </message>
        <message>
            <source>Run evaluation</source>
            <translation>Run evaluation</translation>
        </message>
        <message>
            <source>Measure search quality on the catalog's test split</source>
            <translation>Measure search quality on the catalog's test split</translation>
        </message>
        <message>
            <source>Recall@K</source>
            <translation>Recall@K</translation>
        </message>
        <message>
            <source>Data readiness</source>
            <translation>Data readiness</translation>
        </message>
        <message>
            <source>Check data</source>
            <translation>Check data</translation>
        </message>
        <message>
            <source>Coverage, image statistics and attribute balance of the catalog</source>
            <translation>Coverage, image statistics and attribute balance of the catalog</translation>
        </message>
        <message>
            <source>Per category and attribute (bias review)</source>
            <translation>Per category and attribute (bias review)</translation>
        </message>
        <message>
            <source>Checking</source>
            <translation>Checking</translation>
        </message>
        <message>
            <source>%1 products, %2 images</source>
            <translation>%1 products, %2 images</translation>
        </message>
        <message>
            <source>Without an image: %1</source>
            <translation>Without an image: %1</translation>
        </message>
        <message>
            <source>Without a description: %1</source>
            <translation>Without a description: %1</translation>
        </message>
        <message>
            <source>Images shared by several products: %1</source>
            <translation>Images shared by several products: %1</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>Japanese</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>Descriptions:</source>
            <translation>Descriptions:</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>Findings</translation>
        </message>
        <message>
            <source>Evaluating</source>
            <translation>Evaluating</translation>
        </message>
        <message>
            <source>Evaluation finished.</source>
            <translation>Evaluation finished.</translation>
        </message>
        <message>
            <source>Open a catalog first (Settings → Catalog).</source>
            <translation>Open a catalog first (Settings → Catalog).</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>No model pack is installed. Choose one in Settings → Model pack.</translation>
        </message>
        <message>
            <source>Importing is not available in this build yet. The preview shows how the file would be read; use “unifashion import” on the command line meanwhile.</source>
            <translation>Importing is not available in this build yet. The preview shows how the file would be read; use “unifashion import” on the command line meanwhile.</translation>
        </message>
        <message>
            <source>Indexing is not available in this build yet. Search and “similar items” become available when the index can be built.</source>
            <translation>Indexing is not available in this build yet. Search and “similar items” become available when the index can be built.</translation>
        </message>
        <message>
            <source>This catalog has an index.</source>
            <translation>This catalog has an index.</translation>
        </message>
        <message>
            <source>This catalog has no index yet.</source>
            <translation>This catalog has no index yet.</translation>
        </message>
        <message>
            <source>Fine-tuning is not available in this build yet. The loss plot shows the run live once it is.</source>
            <translation>Fine-tuning is not available in this build yet. The loss plot shows the run live once it is.</translation>
        </message>
        <message>
            <source>Recall@K is available once the evaluation module is installed; the data-readiness report below works now.</source>
            <translation>Recall@K is available once the evaluation module is installed; the data-readiness report below works now.</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::Vocabulary</name>
        <message>
            <source>Category</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Colour</translation>
        </message>
        <message>
            <source>Pattern</source>
            <translation>Pattern</translation>
        </message>
        <message>
            <source>Sleeve</source>
            <translation>Sleeve</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>Length</translation>
        </message>
        <message>
            <source>Neckline</source>
            <translation>Neckline</translation>
        </message>
        <message>
            <source>Heel</source>
            <translation>Heel</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>Material</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Brand</source>
            <translation>Brand</translation>
        </message>
        <message>
            <source>Season</source>
            <translation>Season</translation>
        </message>
    </context>
</TS>
