// The page's stylesheet, served as /app.css (a .ts module so the compiled dist carries it too).
export const PAGE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fafafa; }
.layout { display: grid; height: 100vh; grid-template-columns: 15rem minmax(28rem, 1fr) minmax(24rem, 32%);
  grid-template-rows: auto auto auto 1fr; grid-template-areas: "top top top" "banner banner banner" "error error error" "filters list detail"; }
.top { grid-area: top; display: flex; gap: 1rem; align-items: baseline; padding: .4rem .8rem; border-bottom: 1px solid #ddd; background: #fff; flex-wrap: wrap; }
.top h1 { font-size: 15px; margin: 0; }
.banner { grid-area: banner; background: #b00020; color: #fff; font-weight: 600; padding: .3rem .8rem; letter-spacing: .02em; }
.error { grid-area: error; background: #fff3cd; color: #6b4e00; padding: .3rem .8rem; }
.summary details { display: inline-block; margin-left: .5rem; }
.summary table { border-collapse: collapse; background: #fff; position: absolute; z-index: 5; box-shadow: 0 2px 8px #0003; }
.summary td, .summary th { padding: .15rem .5rem; border-bottom: 1px solid #eee; text-align: left; }
.muted { color: #777; }
.muted[title] { text-decoration: underline dotted; cursor: help; }
.filters { grid-area: filters; overflow: auto; padding: .5rem; border-right: 1px solid #ddd; background: #fff; }
.filters label { display: block; margin-bottom: .6rem; }
.filters label > span { display: block; font-weight: 600; margin-bottom: .15rem; }
.filters select, .filters input[type=search] { width: 100%; }
.range { display: flex; gap: .3rem; } .range input { width: 50%; }
.list { grid-area: list; display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.scroller { flex: 1; overflow: auto; position: relative; contain: strict; }
.spacer { position: relative; width: 100%; }
.row { display: grid; grid-template-columns: 8rem 6.5rem 2.5rem 5.5rem 7.5rem 4.5rem 2.5rem 3rem minmax(14rem, 1fr); gap: .4rem; height: 30px;
  align-items: center; padding: 0 .5rem; border-bottom: 1px solid #eee; white-space: nowrap; cursor: pointer; }
.spacer .row { position: absolute; top: 0; left: 0; right: 0; }
.row span { overflow: hidden; text-overflow: ellipsis; }
.row.head { font-weight: 600; background: #f0f0f0; cursor: default; }
.row:not(.head):hover { background: #eef4ff; } .row.selected { background: #d6e4ff; }
.row.pending { color: #aaa; }
.detail { grid-area: detail; overflow: auto; padding: .6rem .9rem; border-left: 1px solid #ddd; background: #fff; }
.detail h2 { font-size: 15px; margin: .2rem 0; } .detail h3 { font-size: 12px; text-transform: uppercase; color: #555; margin: .8rem 0 .2rem; }
pre { white-space: pre-wrap; word-wrap: break-word; font: 13px/1.45 ui-monospace, monospace; margin: 0; }
.meta { color: #666; font-size: 12px; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; background: #e8e8e8; margin-right: .3rem; font-size: 12px; }
.badge.sim { background: #b00020; color: #fff; }
.judge { margin: .6rem 0; padding: .5rem; border: 1px solid #c9d7f0; background: #f3f7ff; border-radius: 4px; }
.judge .reasoning { margin-top: .3rem; }
.turn { margin: .4rem 0; padding: .4rem .6rem; border-radius: 8px; max-width: 92%; }
.turn.user { background: #f1f1f1; } .turn.assistant { background: #e7f3ea; margin-left: auto; }
.turn .who { font-size: 11px; color: #666; text-transform: uppercase; }
.diff ins { background: #d4f8d4; text-decoration: none; } .diff del { background: #ffd7d5; }
.diff .add { background: #d4f8d4; } .diff .del { background: #ffd7d5; }
.raw summary { cursor: pointer; color: #555; margin-top: .8rem; }
.overlay { position: fixed; inset: 2.2rem 0 0 0; background: #fafafa; overflow: auto; z-index: 10; padding: .6rem .9rem; }
.side .columns { display: grid; gap: .6rem; margin-top: .6rem; }
.side .column h3 { position: sticky; top: 0; background: #fafafa; margin: 0; padding: .3rem 0; }
.card { background: #fff; border: 1px solid #ddd; border-left: 4px solid #bbb; border-radius: 4px; padding: .4rem .5rem; margin-bottom: .4rem; cursor: pointer; }
.card.verdict-true { border-left-color: #d9822b; } .card.verdict-false { border-left-color: #5a8fd6; }
.side .prompt { background: #fff; padding: .4rem; border: 1px solid #ddd; }
button { cursor: pointer; }
`;
