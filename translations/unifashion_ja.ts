<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en_US">
    <context>
        <name>uf::ui::AsyncImageLabel</name>
        <message>
            <source>Loading…</source>
            <translation>読み込み中…</translation>
        </message>
        <message>
            <source>The image cannot be read</source>
            <translation>画像を読み込めません</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::AuditPage</name>
        <message>
            <source>Pending</source>
            <translation>審査待ち</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>承認済み</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>All</source>
            <translation>すべて</translation>
        </message>
        <message>
            <source>Show outputs with this status</source>
            <translation>この状態の生成物を表示します</translation>
        </message>
        <message>
            <source>Show outputs made by this person</source>
            <translation>この人が作成した生成物を表示します</translation>
        </message>
        <message>
            <source>Show outputs made with this model</source>
            <translation>このモデルで作成した生成物を表示します</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Created by</source>
            <translation>作成者</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Enter approves the selected output, Delete rejects it</source>
            <translation>Enter で選択中の生成物を承認、Delete で却下します</translation>
        </message>
        <message>
            <source>Review queue</source>
            <translation>審査キュー</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>元画像</translation>
        </message>
        <message>
            <source>No reference: made from the prompt only</source>
            <translation>参照なし: プロンプトのみから生成</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>生成物</translation>
        </message>
        <message>
            <source>Select an output in the queue</source>
            <translation>キューから生成物を選択してください</translation>
        </message>
        <message>
            <source>Provenance</source>
            <translation>来歴</translation>
        </message>
        <message>
            <source>Prompt, seed, steps, guidance, model and its hash, reference, creator</source>
            <translation>プロンプト、シード、ステップ数、ガイダンス、モデルとそのハッシュ、参照、作成者</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>判定</translation>
        </message>
        <message>
            <source>Comment (required to reject)</source>
            <translation>コメント (却下には必須)</translation>
        </message>
        <message>
            <source>Why you approve or reject; it is recorded in the audit log</source>
            <translation>承認・却下の理由。監査ログに記録されます</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>承認</translation>
        </message>
        <message>
            <source>Approve the selected output (Enter)</source>
            <translation>選択中の生成物を承認します (Enter)</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Reject the selected output (Delete); a comment is required</source>
            <translation>選択中の生成物を却下します (Delete)。コメントが必要です</translation>
        </message>
        <message>
            <source>History</source>
            <translation>履歴</translation>
        </message>
        <message>
            <source>Verify log</source>
            <translation>ログを検証</translation>
        </message>
        <message>
            <source>Check that no entry of the audit log was edited, removed or reordered</source>
            <translation>監査ログの記録が改ざん・削除・並べ替えされていないか確認します</translation>
        </message>
        <message>
            <source>Export approved…</source>
            <translation>承認済みを書き出し…</translation>
        </message>
        <message>
            <source>Export approved outputs to</source>
            <translation>承認済みの生成物の書き出し先</translation>
        </message>
        <message>
            <source>Exporting</source>
            <translation>書き出し中</translation>
        </message>
        <message numerus="yes">
            <source>%n approved output(s) exported to %1</source>
            <translation>
                <numerusform>承認済みの生成物 %n 件を %1 に書き出しました</numerusform>
            </translation>
        </message>
        <message>
            <source>The review queue is not available in this build.</source>
            <translation>このビルドでは審査キューを利用できません。</translation>
        </message>
        <message>
            <source>Open a catalog to review its generated outputs.</source>
            <translation>生成物を審査するにはカタログを開いてください。</translation>
        </message>
        <message>
            <source>Write approved images with their provenance (XMP) to a folder</source>
            <translation>承認済みの画像を来歴 (XMP) 付きでフォルダーに書き出します</translation>
        </message>
        <message>
            <source>Export becomes available once the export module is installed</source>
            <translation>書き出し機能が導入されると利用できます</translation>
        </message>
        <message>
            <source>Anyone / any</source>
            <translation>すべて</translation>
        </message>
        <message>
            <source>Anyone</source>
            <translation>すべての作成者</translation>
        </message>
        <message>
            <source>Any model</source>
            <translation>すべてのモデル</translation>
        </message>
        <message>
            <source>Write why you reject it in the comment, then press Enter or Reject again.</source>
            <translation>却下の理由をコメントに書いてから、Enter を押すか「却下」をもう一度押してください。</translation>
        </message>
        <message>
            <source>No. %1 approved.</source>
            <translation>No. %1 を承認しました。</translation>
        </message>
        <message>
            <source>No. %1 rejected.</source>
            <translation>No. %1 を却下しました。</translation>
        </message>
        <message>
            <source>Verifying…</source>
            <translation>検証中…</translation>
        </message>
        <message numerus="yes">
            <source>Audit log intact: %n entry(ies) verified, head %1.</source>
            <translation>
                <numerusform>監査ログは正常です: %n 件を検証しました (先頭ハッシュ %1)。</numerusform>
            </translation>
        </message>
        <message>
            <source>Audit log damaged — do not trust decisions after the entry named here. Restore the catalog from a backup.</source>
            <translation>監査ログが破損しています。ここに示す記録以降の判定は信頼できません。バックアップからカタログを復元してください。</translation>
        </message>
        <message>
            <source>Skipped (they disagree with the audit log):</source>
            <translation>スキップ (監査ログと一致しません):</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::AuditQueueModel</name>
        <message>
            <source>Pending</source>
            <translation>審査待ち</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>承認済み</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>説明文</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Prompt / text</source>
            <translation>プロンプト / 本文</translation>
        </message>
        <message>
            <source>Created by</source>
            <translation>作成者</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>作成日時</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::BreakdownModel</name>
        <message>
            <source>Category</source>
            <translation>カテゴリ</translation>
        </message>
        <message>
            <source>Attribute</source>
            <translation>属性</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>値</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>商品数</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>割合</translation>
        </message>
        <message>
            <source>Recall@10</source>
            <translation>Recall@10</translation>
        </message>
        <message>
            <source>Composed search (changed attribute)</source>
            <translation>組み合わせ検索 (変更した属性)</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::CatalogPage</name>
        <message>
            <source>Filter</source>
            <translation>絞り込み</translation>
        </message>
        <message>
            <source>Show only products of this category</source>
            <translation>このカテゴリの商品だけを表示します</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>カテゴリ</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>絞り込みを解除</translation>
        </message>
        <message>
            <source>Sort</source>
            <translation>並べ替え</translation>
        </message>
        <message>
            <source>Catalog order</source>
            <translation>登録順</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>商品名</translation>
        </message>
        <message>
            <source>Recently updated</source>
            <translation>更新日時が新しい順</translation>
        </message>
        <message>
            <source>Order of the products in the grid</source>
            <translation>グリッドでの商品の並び順</translation>
        </message>
        <message>
            <source>Open catalog…</source>
            <translation>カタログを開く…</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>商品数</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>カタログフォルダーを開く</translation>
        </message>
        <message>
            <source>No catalog is open. Open a catalog folder, or create the demo catalog with “unifashion demo” and open it.</source>
            <translation>カタログが開かれていません。カタログフォルダーを開くか、「unifashion demo」でデモカタログを作成して開いてください。</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>すべてのカテゴリ</translation>
        </message>
        <message>
            <source>Any</source>
            <translation>指定なし</translation>
        </message>
        <message>
            <source>Show only products with this %1</source>
            <translation>この%1の商品だけを表示します</translation>
        </message>
        <message>
            <source>Loading… %1 of %2 products</source>
            <translation>読み込み中… %2 件中 %1 件</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>読み込み中…</translation>
        </message>
        <message numerus="yes">
            <source>%n product(s)</source>
            <translation>
                <numerusform>%n 件の商品</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>uf::ui::Chip</name>
        <message>
            <source>Remove</source>
            <translation>削除</translation>
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
            <translation>商品名 (言語を自動判定)</translation>
        </message>
        <message>
            <source>Title (Japanese)</source>
            <translation>商品名 (日本語)</translation>
        </message>
        <message>
            <source>Title (English)</source>
            <translation>商品名 (英語)</translation>
        </message>
        <message>
            <source>Description (language detected)</source>
            <translation>説明文 (言語を自動判定)</translation>
        </message>
        <message>
            <source>Description (Japanese)</source>
            <translation>説明文 (日本語)</translation>
        </message>
        <message>
            <source>Description (English)</source>
            <translation>説明文 (英語)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>カテゴリ</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>Images (several)</source>
            <translation>画像 (複数)</translation>
        </message>
        <message>
            <source>Split (train/test)</source>
            <translation>分割 (学習/テスト)</translation>
        </message>
        <message>
            <source>Ignored</source>
            <translation>取り込まない</translation>
        </message>
        <message>
            <source>Attribute: %1</source>
            <translation>属性: %1</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>ファイルの列</translation>
        </message>
        <message>
            <source>Imported as</source>
            <translation>取り込み先</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>先頭の値</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::GeneratePage</name>
        <message>
            <source>Variations</source>
            <translation>バリエーション</translation>
        </message>
        <message>
            <source>e.g. red striped shirt / 赤いストライプのシャツ</source>
            <translation>例: 赤いストライプのシャツ / red striped shirt</translation>
        </message>
        <message>
            <source>What to draw, in Japanese or English. With a reference: the change to make</source>
            <translation>描く内容を日本語か英語で。参照があるときは加える変更を書きます</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>プロンプト</translation>
        </message>
        <message>
            <source>Generate without a reference</source>
            <translation>参照なしで生成します</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Type a product's SKU and press Enter to use its photo as the reference</source>
            <translation>商品の SKU を入力して Enter を押すと、その写真を参照に使います</translation>
        </message>
        <message>
            <source>Photo…</source>
            <translation>写真…</translation>
        </message>
        <message>
            <source>Use a photo file as the reference</source>
            <translation>写真ファイルを参照に使います</translation>
        </message>
        <message>
            <source>Reference (optional)</source>
            <translation>参照 (任意)</translation>
        </message>
        <message>
            <source>How many variations to draw</source>
            <translation>生成するバリエーションの数</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>枚数</translation>
        </message>
        <message>
            <source>The same seed and settings give the same images</source>
            <translation>同じシードと設定なら同じ画像になります</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>ランダム</translation>
        </message>
        <message>
            <source>Pick a new seed each time (it is recorded with the outputs)</source>
            <translation>毎回新しいシードを使います (生成物と一緒に記録されます)</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード</translation>
        </message>
        <message>
            <source>Sampling steps: more is slower and usually cleaner</source>
            <translation>サンプリングのステップ数: 多いほど遅く、通常はきれいになります</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>ステップ数</translation>
        </message>
        <message>
            <source>How closely to follow the prompt; 2–3 keeps variety</source>
            <translation>プロンプトにどれだけ忠実に従うか。2〜3 なら多様性が保たれます</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>ガイダンス</translation>
        </message>
        <message>
            <source>With a reference: how much of it may change. Lower keeps more of its shape; 1 draws it anew</source>
            <translation>参照画像からどれだけ変えるか（参照があるとき）。小さいほど形を保ち、1 で描き直します</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>変化量</translation>
        </message>
        <message>
            <source>DPM++ 2M (fewer steps)</source>
            <translation>DPM++ 2M（少ないステップ）</translation>
        </message>
        <message>
            <source>DDIM</source>
            <translation>DDIM</translation>
        </message>
        <message>
            <source>How each step is taken. DPM++ 2M draws in about 12 steps what DDIM draws in 25; each output records which was used</source>
            <translation>各ステップの進め方。DPM++ 2M は DDIM の 25 ステップと同じ絵を約 12 ステップで描きます。どちらを使ったかは出力ごとに記録されます</translation>
        </message>
        <message>
            <source>Sampler</source>
            <translation>サンプラー</translation>
        </message>
        <message>
            <source>Draft: half the size, faster</source>
            <translation>下書き：半分の大きさで速く</translation>
        </message>
        <message>
            <source>Skip the model&apos;s upscaler: quick sketches to choose from, drawn again full size later with the same seed</source>
            <translation>モデルのアップスケーラーを使いません。速く描いて選び、同じシードで原寸を描き直せます</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Draw the variations; they go to the review queue</source>
            <translation>バリエーションを生成します。結果は審査キューに入ります</translation>
        </message>
        <message>
            <source>Latest outputs</source>
            <translation>最新の生成物</translation>
        </message>
        <message>
            <source>Outputs go to the review queue as pending. Nothing is used or exported until a reviewer approves it.</source>
            <translation>生成物は「審査待ち」として審査キューに入ります。審査担当者が承認するまで、使用も書き出しもされません。</translation>
        </message>
        <message>
            <source>Open review queue</source>
            <translation>審査キューを開く</translation>
        </message>
        <message>
            <source>Draft a description</source>
            <translation>説明文の下書き</translation>
        </message>
        <message>
            <source>The product whose photo is described</source>
            <translation>写真から説明文を書く商品</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日本語</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英語</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>下書きを作成</translation>
        </message>
        <message>
            <source>Write a description draft from the photo; it goes to the review queue</source>
            <translation>写真から説明文の下書きを作成します。結果は審査キューに入ります</translation>
        </message>
        <message>
            <source>The draft appears here (pending review).</source>
            <translation>下書きはここに表示されます (審査待ち)。</translation>
        </message>
        <message>
            <source>Reference photo</source>
            <translation>参照写真</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
            <translation>画像 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
        </message>
        <message>
            <source>Generation is not available yet: this build has no image generator. The form is ready and becomes active once the model's generation module is installed.</source>
            <translation>まだ生成できません: このビルドには画像生成機能がありません。フォームは準備済みで、モデルの生成機能が導入されると使えるようになります。</translation>
        </message>
        <message>
            <source>Open a catalog first: outputs are stored in the catalog's review queue.</source>
            <translation>先にカタログを開いてください。生成物はカタログの審査キューに保存されます。</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>モデルパックがありません。設定 → モデルパックで選択してください。</translation>
        </message>
        <message>
            <source>Description drafts are available once the model and a catalog are present</source>
            <translation>モデルとカタログがそろうと説明文の下書きを作成できます</translation>
        </message>
        <message>
            <source>Product %1</source>
            <translation>商品 %1</translation>
        </message>
        <message>
            <source>There is no product %1 in this catalog.</source>
            <translation>このカタログに商品 %1 はありません。</translation>
        </message>
        <message>
            <source>Write a prompt first, e.g. “navy dress with dots”.</source>
            <translation>先にプロンプトを入力してください (例:「紺の水玉ワンピース」)。</translation>
        </message>
        <message>
            <source>Generating</source>
            <translation>生成中</translation>
        </message>
        <message>
            <source>No. %1 · pending</source>
            <translation>No. %1 · 審査待ち</translation>
        </message>
        <message>
            <source>Cancelled. Nothing was stored; run again to generate.</source>
            <translation>キャンセルしました。何も保存されていません。生成するにはもう一度実行してください。</translation>
        </message>
        <message numerus="yes">
            <source>%n output(s) sent to the review queue (seed %1).</source>
            <translation>
                <numerusform>%n 件の生成物を審査キューに送りました (シード %1)。</numerusform>
            </translation>
        </message>
        <message>
            <source>Type the SKU of the product to describe.</source>
            <translation>説明文を作成する商品の SKU を入力してください。</translation>
        </message>
        <message>
            <source>Drafting</source>
            <translation>下書き作成中</translation>
        </message>
        <message>
            <source>Draft No. %1 sent to the review queue.</source>
            <translation>下書き No. %1 を審査キューに送りました。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobError</name>
        <message>
            <source>The catalog could not be read or written. Check that the catalog folder exists, that the disk is not full and that you may write there, then try again.</source>
            <translation>カタログの読み書きができませんでした。カタログフォルダーがあるか、ディスクに空きがあるか、書き込み権限があるかを確認して、もう一度お試しください。</translation>
        </message>
        <message>
            <source>The model pack could not be loaded. Choose another model pack in Settings, or reinstall the application to restore the default one.</source>
            <translation>モデルパックを読み込めませんでした。設定で別のモデルパックを選ぶか、アプリケーションを再インストールして標準のモデルパックを復元してください。</translation>
        </message>
        <message>
            <source>The search index is damaged or does not match the catalog. Rebuild it in Tasks → Index.</source>
            <translation>検索インデックスが破損しているか、カタログと一致しません。タスク → インデックスで作り直してください。</translation>
        </message>
        <message>
            <source>The input was not accepted. Check the file, image or query named in the details and try again.</source>
            <translation>入力を受け付けられませんでした。詳細に示したファイル・画像・検索語を確認して、もう一度お試しください。</translation>
        </message>
        <message>
            <source>This cannot be done with the current settings. Check the values you entered and try again.</source>
            <translation>現在の設定では実行できません。入力した値を確認して、もう一度お試しください。</translation>
        </message>
        <message>
            <source>The catalog's rules do not allow this (for example, approving your own output). Ask another reviewer, or change the rule in the catalog settings.</source>
            <translation>カタログのルールで許可されていません (例: 自分の生成物の承認)。別の審査担当者に依頼するか、カタログ設定のルールを変更してください。</translation>
        </message>
        <message>
            <source>The operation failed. The details below say what went wrong; fix it and try again.</source>
            <translation>処理に失敗しました。下の詳細に原因が書かれています。修正してもう一度お試しください。</translation>
        </message>
        <message>
            <source>The computer ran out of memory. Close other applications or use smaller settings, then try again.</source>
            <translation>メモリが不足しました。ほかのアプリケーションを閉じるか、設定を小さくして、もう一度お試しください。</translation>
        </message>
        <message>
            <source>An unexpected error occurred. Try again; if it happens again, restart the application.</source>
            <translation>予期しないエラーが発生しました。もう一度お試しください。繰り返し起きる場合はアプリケーションを再起動してください。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobPanel</name>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
        <message>
            <source>Stop the job at the next safe point; what is finished is kept</source>
            <translation>次の安全な区切りで処理を止めます。完了した分は残ります</translation>
        </message>
        <message>
            <source>Stopping at the next safe point…</source>
            <translation>次の安全な区切りで停止しています…</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::JobRunner</name>
        <message>
            <source>The job stopped with an unexpected error. Try again; if it happens again, restart the application.</source>
            <translation>処理が予期しないエラーで止まりました。もう一度お試しください。繰り返し起きる場合はアプリケーションを再起動してください。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::MainWindow</name>
        <message>
            <source>Screens</source>
            <translation>画面</translation>
        </message>
        <message>
            <source>Catalog</source>
            <translation>カタログ</translation>
        </message>
        <message>
            <source>Browse the products (Ctrl+1)</source>
            <translation>商品を一覧します (Ctrl+1)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>検索</translation>
        </message>
        <message>
            <source>Search by text, photo, or both (Ctrl+2)</source>
            <translation>テキスト・写真・その両方で検索します (Ctrl+2)</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Draw variations and draft descriptions (Ctrl+3)</source>
            <translation>バリエーションの生成と説明文の下書き (Ctrl+3)</translation>
        </message>
        <message>
            <source>Audit</source>
            <translation>審査</translation>
        </message>
        <message>
            <source>Approve or reject generated outputs (Ctrl+4)</source>
            <translation>生成物を承認・却下します (Ctrl+4)</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>タスク</translation>
        </message>
        <message>
            <source>Import, index, fine-tune, evaluate (Ctrl+5)</source>
            <translation>取り込み・インデックス・追加学習・評価 (Ctrl+5)</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Catalog, model, device, language (Ctrl+6)</source>
            <translation>カタログ・モデル・デバイス・言語 (Ctrl+6)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Open catalog…</source>
            <translation>カタログを開く(&amp;O)…</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>カタログフォルダーを開く</translation>
        </message>
        <message>
            <source>Not a catalog</source>
            <translation>カタログではありません</translation>
        </message>
        <message>
            <source>%1 holds no catalog (catalog.sqlite is missing). Choose the folder made by “unifashion import” or “unifashion demo”.</source>
            <translation>%1 にはカタログがありません (catalog.sqlite がありません)。「unifashion import」または「unifashion demo」で作成したフォルダーを選んでください。</translation>
        </message>
        <message>
            <source>&amp;Import products…</source>
            <translation>商品を取り込む(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>編集(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>検索(&amp;F)…</translation>
        </message>
        <message>
            <source>Search the catalog</source>
            <translation>カタログを検索します</translation>
        </message>
        <message>
            <source>&amp;Paste photo to search</source>
            <translation>写真を貼り付けて検索(&amp;P)</translation>
        </message>
        <message>
            <source>The clipboard holds no image to search with.</source>
            <translation>クリップボードに検索に使える画像がありません。</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About UniFashion Studio</source>
            <translation>UniFashion Studio について(&amp;A)</translation>
        </message>
        <message>
            <source>About UniFashion Studio</source>
            <translation>UniFashion Studio について</translation>
        </message>
        <message>
            <source>&lt;b&gt;UniFashion Studio %1&lt;/b&gt;&lt;p&gt;Search and generate fashion images with one model, in Japanese and English. Every generated output waits for a reviewer's approval.&lt;/p&gt;</source>
            <translation>&lt;b&gt;UniFashion Studio %1&lt;/b&gt;&lt;p&gt;一つのモデルでファッション画像を検索・生成します (日本語・英語)。生成物はすべて審査担当者の承認を待ちます。&lt;/p&gt;</translation>
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
            <translation>カタログ未選択</translation>
        </message>
        <message>
            <source>Catalog: %1 · %2 products</source>
            <translation>カタログ: %1 · 商品 %2 件</translation>
        </message>
        <message>
            <source>Catalog: %1</source>
            <translation>カタログ: %1</translation>
        </message>
        <message>
            <source>No model pack</source>
            <translation>モデルパックなし</translation>
        </message>
        <message>
            <source>Model: %1 (%2)</source>
            <translation>モデル: %1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::ProductDetailPane</name>
        <message>
            <source>Select a product to see its details.</source>
            <translation>商品を選ぶと詳細が表示されます。</translation>
        </message>
        <message>
            <source>No image</source>
            <translation>画像なし</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日本語</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英語</translation>
        </message>
        <message>
            <source>Attribute</source>
            <translation>属性</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>値</translation>
        </message>
        <message>
            <source>Search similar</source>
            <translation>似た商品を検索</translation>
        </message>
        <message>
            <source>Open Search with this product's photo as the query</source>
            <translation>この商品の写真で検索画面を開きます</translation>
        </message>
        <message>
            <source>Variations</source>
            <translation>バリエーション</translation>
        </message>
        <message>
            <source>Open Generate with this product as the reference</source>
            <translation>この商品を参照にして生成画面を開きます</translation>
        </message>
        <message>
            <source>Draft text</source>
            <translation>説明文を下書き</translation>
        </message>
        <message>
            <source>Draft a product description from the photo (goes to the review queue)</source>
            <translation>写真から商品説明の下書きを作成します (審査キューに入ります)</translation>
        </message>
        <message>
            <source>Similar items</source>
            <translation>似た商品</translation>
        </message>
        <message>
            <source>This product is no longer in the catalog.</source>
            <translation>この商品はもうカタログにありません。</translation>
        </message>
        <message>
            <source>training split</source>
            <translation>学習用</translation>
        </message>
        <message>
            <source>test split</source>
            <translation>テスト用</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s)</source>
            <translation>
                <numerusform>画像 %n 枚</numerusform>
            </translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(なし)</translation>
        </message>
        <message>
            <source>Source: %1</source>
            <translation>取り込み元: %1</translation>
        </message>
        <message>
            <source>Updated: %1</source>
            <translation>更新: %1</translation>
        </message>
        <message>
            <source>The product could not be read from the catalog.</source>
            <translation>カタログから商品を読み込めませんでした。</translation>
        </message>
        <message>
            <source>Similar items appear here once the search index is built (Tasks → Index).</source>
            <translation>検索インデックスを作成すると、ここに似た商品が表示されます (タスク → インデックス)。</translation>
        </message>
        <message>
            <source>Similar items appear here once search is installed and the index is built.</source>
            <translation>検索機能が導入されインデックスを作成すると、ここに似た商品が表示されます。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::RecentSearchesModel</name>
        <message>
            <source>like %1</source>
            <translation>%1 に似た商品</translation>
        </message>
        <message>
            <source>photo %1</source>
            <translation>写真 %1</translation>
        </message>
        <message>
            <source>Run this search again</source>
            <translation>この検索をもう一度実行します</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::RejectedRowsModel</name>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>File</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::SearchPage</name>
        <message>
            <source>Search in Japanese or English, e.g. 紺のストライプシャツ or navy striped shirt</source>
            <translation>日本語か英語で検索 (例: 紺のストライプシャツ、navy striped shirt)</translation>
        </message>
        <message>
            <source>Describe what you look for (Ctrl+F). With a photo, describe the change: “in navy”</source>
            <translation>探しているものを入力します (Ctrl+F)。写真と一緒なら変更点を書きます:「紺色で」</translation>
        </message>
        <message>
            <source>Photo…</source>
            <translation>写真…</translation>
        </message>
        <message>
            <source>Search with a photo file (you can also drop a photo here)</source>
            <translation>写真ファイルで検索します (ここに写真をドロップすることもできます)</translation>
        </message>
        <message>
            <source>Paste a photo from the clipboard (Ctrl+V)</source>
            <translation>クリップボードの写真を貼り付けます (Ctrl+V)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>検索</translation>
        </message>
        <message>
            <source>Run the search (Enter)</source>
            <translation>検索を実行します (Enter)</translation>
        </message>
        <message>
            <source>Remove the photo (search by text only)</source>
            <translation>写真を外します (テキストだけで検索)</translation>
        </message>
        <message>
            <source>Hide results whose score is below this value</source>
            <translation>スコアがこの値より低い結果を隠します</translation>
        </message>
        <message>
            <source>Relevance cut-off</source>
            <translation>関連度の下限</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>検索結果</translation>
        </message>
        <message>
            <source>Recent searches</source>
            <translation>最近の検索</translation>
        </message>
        <message>
            <source>Double-click or press Enter to run a search again</source>
            <translation>ダブルクリックか Enter で検索をもう一度実行します</translation>
        </message>
        <message>
            <source>Search with a photo</source>
            <translation>写真で検索</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
            <translation>画像 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
        </message>
        <message>
            <source>The clipboard holds no image. Copy a photo first, then paste it here.</source>
            <translation>クリップボードに画像がありません。写真をコピーしてから、ここに貼り付けてください。</translation>
        </message>
        <message>
            <source>Read as: %1</source>
            <translation>次のように読み替えました: %1</translation>
        </message>
        <message>
            <source>Relevance cut-off: %1</source>
            <translation>関連度の下限: %1</translation>
        </message>
        <message>
            <source>Search is not available yet: this build has no search module. It becomes available once the index can be built in Tasks → Index.</source>
            <translation>まだ検索できません: このビルドには検索機能がありません。タスク → インデックスでインデックスを作成できるようになると使えます。</translation>
        </message>
        <message>
            <source>Open a catalog first (Settings → Catalog).</source>
            <translation>先にカタログを開いてください (設定 → カタログ)。</translation>
        </message>
        <message>
            <source>Search is available when the index is built. Build it in Tasks → Index.</source>
            <translation>インデックスを作成すると検索できます。タスク → インデックスで作成してください。</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>モデルパックがありません。設定 → モデルパックで選択してください。</translation>
        </message>
        <message>
            <source>Photo: %1</source>
            <translation>写真: %1</translation>
        </message>
        <message>
            <source>Optional: describe the change, e.g. “in navy” or “紺色で”</source>
            <translation>任意: 変更点を入力 (例:「紺色で」、“in navy”)</translation>
        </message>
        <message>
            <source>The pasted image could not be saved to %1. Check the disk space.</source>
            <translation>貼り付けた画像を %1 に保存できませんでした。ディスクの空きを確認してください。</translation>
        </message>
        <message>
            <source>Pasted photo</source>
            <translation>貼り付けた写真</translation>
        </message>
        <message>
            <source>Like %1</source>
            <translation>%1 に似た商品</translation>
        </message>
        <message>
            <source>Type what you look for, or add a photo.</source>
            <translation>探しているものを入力するか、写真を追加してください。</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>検索中…</translation>
        </message>
        <message>
            <source>Results appear here with their scores.</source>
            <translation>検索結果がスコア付きでここに表示されます。</translation>
        </message>
        <message>
            <source>No results.</source>
            <translation>該当する商品はありません。</translation>
        </message>
        <message numerus="yes">
            <source>%n result(s)</source>
            <translation>
                <numerusform>%n 件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n hidden under the cut-off)</source>
            <translation>
                <numerusform>(下限未満の %n 件を非表示)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ミリ秒</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::SettingsPage</name>
        <message>
            <source>Catalog</source>
            <translation>カタログ</translation>
        </message>
        <message>
            <source>Folder holding catalog.sqlite</source>
            <translation>catalog.sqlite のあるフォルダー</translation>
        </message>
        <message>
            <source>Type a catalog folder and press Enter, or choose one</source>
            <translation>カタログフォルダーを入力して Enter を押すか、選択してください</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
        <message>
            <source>Catalog folder</source>
            <translation>カタログフォルダー</translation>
        </message>
        <message>
            <source>Reopen the last catalog at start</source>
            <translation>起動時に前回のカタログを開く</translation>
        </message>
        <message>
            <source>Open the demo catalog</source>
            <translation>デモカタログを開く</translation>
        </message>
        <message>
            <source>The demo catalog made by “unifashion demo” in %1</source>
            <translation>「unifashion demo」が %1 に作成したデモカタログ</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Default model pack</source>
            <translation>標準のモデルパック</translation>
        </message>
        <message>
            <source>Leave empty to use the model pack shipped with the application</source>
            <translation>空欄にするとアプリケーション付属のモデルパックを使います</translation>
        </message>
        <message>
            <source>Model pack</source>
            <translation>モデルパック</translation>
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
            <translation>このビルドで使える CUDA デバイスがありません</translation>
        </message>
        <message>
            <source>Where the model runs</source>
            <translation>モデルを実行する場所</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>デバイス</translation>
        </message>
        <message>
            <source>Automatic (one per core)</source>
            <translation>自動 (コアごとに 1 つ)</translation>
        </message>
        <message>
            <source>Threads</source>
            <translation>スレッド数</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>言語</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>システムの言語</translation>
        </message>
        <message>
            <source>The language of the application's screens</source>
            <translation>アプリケーションの画面の言語</translation>
        </message>
        <message>
            <source>The window switches language at once; while a job runs, the change waits until the next start.</source>
            <translation>言語はすぐに切り替わります。処理の実行中は次回の起動時に切り替わります。</translation>
        </message>
        <message>
            <source>Open catalog folder</source>
            <translation>カタログフォルダーを開く</translation>
        </message>
        <message>
            <source>Choose a model pack folder</source>
            <translation>モデルパックのフォルダーを選択</translation>
        </message>
        <message>
            <source>Open.</source>
            <translation>開いています。</translation>
        </message>
        <message>
            <source>No catalog in this folder (catalog.sqlite is missing). Create one with “unifashion import” or “unifashion demo”.</source>
            <translation>このフォルダーにはカタログがありません (catalog.sqlite がありません)。「unifashion import」か「unifashion demo」で作成してください。</translation>
        </message>
        <message>
            <source>No catalog is open.</source>
            <translation>カタログが開かれていません。</translation>
        </message>
        <message>
            <source>No model pack is installed: search, generation and drafts stay off. Choose a pack folder or reinstall the application.</source>
            <translation>モデルパックがありません: 検索・生成・下書きは使えません。モデルパックのフォルダーを選ぶか、アプリケーションを再インストールしてください。</translation>
        </message>
        <message>
            <source>In use: %1</source>
            <translation>使用中: %1</translation>
        </message>
        <message>
            <source>CPU threads for fine-tuning and evaluation</source>
            <translation>追加学習と評価に使う CPU スレッド数</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::StudioApp</name>
        <message>
            <source>UniFashion Studio: search and generate fashion images with one model.</source>
            <translation>UniFashion Studio: 一つのモデルでファッション画像を検索・生成します。</translation>
        </message>
        <message>
            <source>Open the catalog in folder DIR.</source>
            <translation>フォルダー DIR のカタログを開きます。</translation>
        </message>
        <message>
            <source>Interface language: ja or en.</source>
            <translation>画面の言語: ja または en。</translation>
        </message>
        <message>
            <source>Save a PNG of each main screen into DIR.</source>
            <translation>各メイン画面の PNG を DIR に保存します。</translation>
        </message>
        <message>
            <source>Quit once the screenshots are saved.</source>
            <translation>スクリーンショットを保存したら終了します。</translation>
        </message>
        <message>
            <source>--lang must be ja or en, not “%1”.</source>
            <translation>--lang には ja か en を指定してください (「%1」は使えません)。</translation>
        </message>
        <message>
            <source>--quit-after-screenshots needs --screenshot-dir DIR.</source>
            <translation>--quit-after-screenshots には --screenshot-dir DIR が必要です。</translation>
        </message>
        <message>
            <source>%1 holds no catalog (catalog.sqlite is missing). Create it with “unifashion demo” or open another folder.</source>
            <translation>%1 にはカタログがありません (catalog.sqlite がありません)。「unifashion demo」で作成するか、別のフォルダーを開いてください。</translation>
        </message>
        <message>
            <source>The language changes at the next start (a job is running).</source>
            <translation>処理の実行中のため、言語は次回の起動時に切り替わります。</translation>
        </message>
        <message>
            <source>Cannot create the folder %1.</source>
            <translation>フォルダー %1 を作成できません。</translation>
        </message>
        <message>
            <source>The window was closed.</source>
            <translation>ウィンドウが閉じられました。</translation>
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>%1 に書き込めません。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::TasksPage</name>
        <message>
            <source>Import</source>
            <translation>取り込み</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>インデックス</translation>
        </message>
        <message>
            <source>Fine-tuning</source>
            <translation>追加学習</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>評価</translation>
        </message>
        <message>
            <source>A CSV (UTF-8 or Shift_JIS), TSV or JSON Lines file</source>
            <translation>CSV (UTF-8 または Shift_JIS)、TSV、JSON Lines のファイル</translation>
        </message>
        <message>
            <source>The product list to import; image paths in it are relative to the file</source>
            <translation>取り込む商品リスト。中の画像パスはファイルの場所からの相対パスです</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>ファイルを選択…</translation>
        </message>
        <message>
            <source>File</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <source>Copy images into the catalog</source>
            <translation>画像をカタログにコピーする</translation>
        </message>
        <message>
            <source>The catalog keeps its own copy; moving the originals does no harm</source>
            <translation>カタログが自前のコピーを持つので、元の画像を移動しても問題ありません</translation>
        </message>
        <message>
            <source>Reference images where they are</source>
            <translation>画像を元の場所のまま参照する</translation>
        </message>
        <message>
            <source>Saves space; the images must stay where they are (read-only)</source>
            <translation>容量を節約します。画像は元の場所に置いたままにしてください (読み取り専用)</translation>
        </message>
        <message>
            <source>Preview: column mapping and encoding</source>
            <translation>プレビュー: 列の対応と文字コード</translation>
        </message>
        <message>
            <source>Choose a file to see how its columns will be read.</source>
            <translation>ファイルを選ぶと、列がどう読み込まれるかを表示します。</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Import the file; bad rows are listed below and the rest is imported</source>
            <translation>ファイルを取り込みます。問題のある行は下に一覧され、残りは取り込まれます</translation>
        </message>
        <message>
            <source>Rejected rows</source>
            <translation>取り込めなかった行</translation>
        </message>
        <message>
            <source>Choose a product file</source>
            <translation>商品ファイルを選択</translation>
        </message>
        <message>
            <source>Product lists (*.csv *.tsv *.txt *.jsonl *.ndjson *.json);;All files (*)</source>
            <translation>商品リスト (*.csv *.tsv *.txt *.jsonl *.ndjson *.json);;すべてのファイル (*)</translation>
        </message>
        <message>
            <source>The preview is not available in this build.</source>
            <translation>このビルドではプレビューを利用できません。</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>%1 を読み込み中…</translation>
        </message>
        <message numerus="yes">
            <source>Format: %1 · Encoding: %2 · %n row(s)</source>
            <translation>
                <numerusform>形式: %1 · 文字コード: %2 · %n 行</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) with problems (listed after the import)</source>
            <translation>
                <numerusform>問題のある行 %n 件 (取り込み後に一覧します)</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a file to import first.</source>
            <translation>先に取り込むファイルを選んでください。</translation>
        </message>
        <message>
            <source>Importing</source>
            <translation>取り込み中</translation>
        </message>
        <message>
            <source>New: %1 · Updated: %2 · Unchanged: %3 · Rejected: %4</source>
            <translation>新規: %1 · 更新: %2 · 変更なし: %3 · 取り込み不可: %4</translation>
        </message>
        <message>
            <source>Cancelled. What was imported so far is kept; import the file again to finish.</source>
            <translation>キャンセルしました。ここまで取り込んだ分は残っています。続きはもう一度取り込んでください。</translation>
        </message>
        <message>
            <source>Some rows were rejected: see the reasons below, fix the file and import it again (unchanged rows are skipped).</source>
            <translation>取り込めなかった行があります: 下の理由を見てファイルを直し、もう一度取り込んでください (変更のない行は飛ばされます)。</translation>
        </message>
        <message>
            <source>Import finished.</source>
            <translation>取り込みが完了しました。</translation>
        </message>
        <message>
            <source>The index lets you search the catalog by text and by photo. It embeds every product image and description with the model pack; only new or changed products are embedded again.</source>
            <translation>インデックスを作ると、カタログをテキストと写真で検索できます。すべての商品画像と説明文をモデルパックでベクトル化します。2 回目以降は新しい商品と変更された商品だけを処理します。</translation>
        </message>
        <message>
            <source>Build index</source>
            <translation>インデックスを作成</translation>
        </message>
        <message>
            <source>Embed new and changed products and update the index</source>
            <translation>新しい商品と変更された商品をベクトル化してインデックスを更新します</translation>
        </message>
        <message>
            <source>Indexing</source>
            <translation>インデックス作成中</translation>
        </message>
        <message>
            <source>Cancelled. %1 of %2 products were embedded and are kept; build again to finish.</source>
            <translation>キャンセルしました。%2 件中 %1 件の処理結果は残っています。続きはもう一度作成してください。</translation>
        </message>
        <message>
            <source>Index ready: %1 products embedded.</source>
            <translation>インデックスの準備ができました: %1 件の商品を処理しました。</translation>
        </message>
        <message>
            <source>Phase 2 adapts the model to this catalog with composed examples (“the same dress in navy”). Only the query transformer and adapters learn; the result is a new model pack.</source>
            <translation>フェーズ 2 では、組み合わせの例 (「同じワンピースの紺色」) でモデルをこのカタログに合わせます。学習するのはクエリ Transformer とアダプターだけで、結果は新しいモデルパックになります。</translation>
        </message>
        <message>
            <source>Training steps</source>
            <translation>学習ステップ数</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>ステップ数</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>制限なし</translation>
        </message>
        <message>
            <source>Stop after this many minutes even if steps remain (0: no limit)</source>
            <translation>ステップが残っていてもこの分数で停止します (0: 制限なし)</translation>
        </message>
        <message>
            <source>Time limit (minutes)</source>
            <translation>時間の上限 (分)</translation>
        </message>
        <message>
            <source>Folder for the new model pack</source>
            <translation>新しいモデルパックの保存先フォルダー</translation>
        </message>
        <message>
            <source>Output pack</source>
            <translation>出力パック</translation>
        </message>
        <message>
            <source>Start fine-tuning</source>
            <translation>追加学習を開始</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>学習損失</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>ステップ</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>損失</translation>
        </message>
        <message>
            <source>Loss (live)</source>
            <translation>損失 (リアルタイム)</translation>
        </message>
        <message>
            <source>Stopped after %1 steps; the checkpoint is kept in %2.</source>
            <translation>%1 ステップで停止しました。チェックポイントは %2 に残っています。</translation>
        </message>
        <message>
            <source>Done: %1 steps. New model pack: %2 (select it in Settings).</source>
            <translation>完了: %1 ステップ。新しいモデルパック: %2 (設定で選択してください)。</translation>
        </message>
        <message>
            <source>Retrieval quality (Recall@K)</source>
            <translation>検索の精度 (Recall@K)</translation>
        </message>
        <message>
            <source>Run evaluation</source>
            <translation>評価を実行</translation>
        </message>
        <message>
            <source>Measure search quality on the catalog's test split</source>
            <translation>カタログのテスト用データで検索の精度を測ります</translation>
        </message>
        <message>
            <source>Recall@K</source>
            <translation>Recall@K</translation>
        </message>
        <message>
            <source>Data readiness</source>
            <translation>データの準備状況</translation>
        </message>
        <message>
            <source>Check data</source>
            <translation>データを確認</translation>
        </message>
        <message>
            <source>Coverage, image statistics and attribute balance of the catalog</source>
            <translation>カタログの網羅性・画像の統計・属性の偏り</translation>
        </message>
        <message>
            <source>Per category and attribute (bias review)</source>
            <translation>カテゴリ・属性ごとの内訳 (偏りの確認)</translation>
        </message>
        <message>
            <source>Checking</source>
            <translation>確認中</translation>
        </message>
        <message>
            <source>%1 products, %2 images</source>
            <translation>商品 %1 件、画像 %2 枚</translation>
        </message>
        <message>
            <source>Without an image: %1</source>
            <translation>画像のない商品: %1</translation>
        </message>
        <message>
            <source>Without a description: %1</source>
            <translation>説明文のない商品: %1</translation>
        </message>
        <message>
            <source>Images shared by several products: %1</source>
            <translation>複数の商品で共有されている画像: %1</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日本語</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英語</translation>
        </message>
        <message>
            <source>Descriptions:</source>
            <translation>説明文:</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>カテゴリ</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>商品数</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>気づいた点</translation>
        </message>
        <message>
            <source>Evaluating</source>
            <translation>評価中</translation>
        </message>
        <message>
            <source>Evaluation finished.</source>
            <translation>評価が完了しました。</translation>
        </message>
        <message>
            <source>Open a catalog first (Settings → Catalog).</source>
            <translation>先にカタログを開いてください (設定 → カタログ)。</translation>
        </message>
        <message>
            <source>No model pack is installed. Choose one in Settings → Model pack.</source>
            <translation>モデルパックがありません。設定 → モデルパックで選択してください。</translation>
        </message>
        <message>
            <source>Importing is not available in this build yet. The preview shows how the file would be read; use “unifashion import” on the command line meanwhile.</source>
            <translation>このビルドではまだ取り込みできません。プレビューではファイルの読み込み方を確認できます。当面はコマンドラインの「unifashion import」を使ってください。</translation>
        </message>
        <message>
            <source>Indexing is not available in this build yet. Search and “similar items” become available when the index can be built.</source>
            <translation>このビルドではまだインデックスを作成できません。インデックスを作成できるようになると、検索と「似た商品」が使えます。</translation>
        </message>
        <message>
            <source>This catalog has an index.</source>
            <translation>このカタログにはインデックスがあります。</translation>
        </message>
        <message>
            <source>This catalog has no index yet.</source>
            <translation>このカタログにはまだインデックスがありません。</translation>
        </message>
        <message>
            <source>Fine-tuning is not available in this build yet. The loss plot shows the run live once it is.</source>
            <translation>このビルドではまだ追加学習できません。使えるようになると、損失のグラフが学習中にリアルタイムで表示されます。</translation>
        </message>
        <message>
            <source>Recall@K is available once the evaluation module is installed; the data-readiness report below works now.</source>
            <translation>Recall@K は評価機能が導入されると使えます。下のデータ準備状況レポートは今すぐ使えます。</translation>
        </message>
    </context>
    <context>
        <name>uf::ui::Vocabulary</name>
        <message>
            <source>Category</source>
            <translation>カテゴリ</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>色</translation>
        </message>
        <message>
            <source>Pattern</source>
            <translation>柄</translation>
        </message>
        <message>
            <source>Sleeve</source>
            <translation>袖</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>丈</translation>
        </message>
        <message>
            <source>Neckline</source>
            <translation>襟</translation>
        </message>
        <message>
            <source>Heel</source>
            <translation>ヒール</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>素材</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>サイズ</translation>
        </message>
        <message>
            <source>Brand</source>
            <translation>ブランド</translation>
        </message>
        <message>
            <source>Season</source>
            <translation>シーズン</translation>
        </message>
    </context>
</TS>
