/// The page's only script and style sheet, served from `/static/` (no inline script or style anywhere).
enum Assets {
    static let script = #"""
        // Lookup page: filter the cards as you type, open a card an alternative links to, and — on a
        // published (static) copy — answer the use-case question from the published JSON.
        (function () {
          'use strict';
          function norm(s) {
            return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
          }
          var input = document.getElementById('q');
          var count = document.getElementById('count');
          var cards = Array.prototype.slice.call(document.querySelectorAll('#results .card'));
          var keys = cards.map(function (card) {
            return card.getAttribute('data-search').split(' | ').map(function (k) { return k.split(' '); });
          });
          // Whether card i answers to the typed words; the words run together also match a name run together
          // ("chat gpt" finds "ChatGPT"), as the server's search does.
          function matches(i, words) {
            var joined = words.join('');
            return words.length === 0 || keys[i].some(function (kw) {
              return words.every(function (w) { return kw.some(function (x) { return x.indexOf(w) === 0; }); })
                || kw.join('').indexOf(joined) === 0;
            });
          }
          function filter() {
            var words = norm(input.value).split(' ').filter(Boolean);
            var found = cards.map(function (card, i) { return matches(i, words); });
            // "Veo 3": when nothing answers, the product without its trailing version words does (as on the server).
            var product = words.slice();
            while (product.length > 1 && /^v?[0-9][0-9.]*[a-z]?$/.test(product[product.length - 1])) { product.pop(); }
            if (found.indexOf(true) < 0 && product.length < words.length) {
              found = cards.map(function (card, i) { return matches(i, product); });
            }
            var shown = 0;
            cards.forEach(function (card, i) {
              card.hidden = !found[i];
              if (found[i]) { shown += 1; }
            });
            count.textContent = shown + ' of ' + cards.length + (cards.length === 1 ? ' tool' : ' tools');
            var none = document.getElementById('none');
            if (none) {
              document.getElementById('none-query').textContent = input.value.slice(0, 200);
              none.hidden = shown !== 0;
            }
          }
          if (input) {
            input.addEventListener('input', function () {
              filter();
              var url = input.value ? '?q=' + encodeURIComponent(input.value) : location.pathname;
              history.replaceState(null, '', url);
            });
            input.form.addEventListener('submit', function (event) { event.preventDefault(); filter(); });
            // A shared link's search (?q=): the server renders it; a static copy has only this script to apply it.
            var shared = new URLSearchParams(location.search).get('q');
            if (shared !== null && input.value !== shared) { input.value = shared; filter(); }
          }
          function openFromHash() {
            var id = decodeURIComponent(location.hash.slice(1));
            if (id.indexOf('tool-') !== 0) { return; }
            var card = document.getElementById(id);
            if (!card) { return; }
            card.hidden = false;
            var details = card.querySelector('details');
            details.open = true;
            details.querySelector('summary').focus();
          }
          window.addEventListener('hashchange', openFromHash);
          openFromHash();

          if (document.body.getAttribute('data-mode') !== 'published') { return; }
          // Static copy: no server answers ?tool=&use=, so combine the published assessment and use rules
          // exactly as the server's assessor does (the most severe decision wins; each use adds its reason).
          var form = document.getElementById('ask-form');
          var answer = document.getElementById('answer');
          var rank = { 'proceed': 0, 'written-approval-required': 1, 'not-permitted': 2 };
          var words = {
            'proceed': 'Proceed — inform your studio contact',
            'written-approval-required': 'Written approval required before use',
            'not-permitted': 'Not permitted for this production'
          };
          function getJSON(path) {
            return fetch(path).then(function (r) { if (!r.ok) { throw new Error(path + ': ' + r.status); } return r.json(); });
          }
          // The compliant alternatives of a tool that is not compliant, named as on its card (as the server's answer).
          function alternatives(check) {
            var p = document.createElement('p');
            p.className = 'alternatives';
            if (!check.alternatives.length) { p.textContent = 'No compliant alternative in the same category yet.'; return p; }
            var strong = document.createElement('strong');
            strong.textContent = 'Compliant alternatives:';
            p.appendChild(strong);
            check.alternatives.forEach(function (id, i) {
              p.appendChild(document.createTextNode(i ? ', ' : ' '));
              var a = document.createElement('a');
              a.href = '#tool-' + id;
              var name = document.querySelector('#tool-' + CSS.escape(id) + ' .name');
              a.textContent = name ? name.textContent : id;
              p.appendChild(a);
            });
            return p;
          }
          function show(name, decision, reasons, check) {
            answer.textContent = '';
            var box = document.createElement('div');
            box.className = 'decision decision-' + decision;
            box.setAttribute('data-decision', decision);
            var h = document.createElement('h3');
            h.textContent = name + ': ' + words[decision];
            box.appendChild(h);
            var ul = document.createElement('ul');
            reasons.forEach(function (r) { var li = document.createElement('li'); li.textContent = r.message; ul.appendChild(li); });
            box.appendChild(ul);
            if (check.verdict !== 'compliant') { box.appendChild(alternatives(check)); }
            answer.appendChild(box);
          }
          function problem(text) {
            answer.textContent = '';
            var p = document.createElement('p');
            p.className = 'problem';
            p.setAttribute('role', 'alert');
            p.textContent = text;
            answer.appendChild(p);
          }
          function ask(tool, uses) {
            // As the server answers: an unknown tool or use is named, never skipped (a mistyped use in a
            // shared link must not turn into a milder answer). The form's list holds every published tool.
            var published = Array.prototype.some.call(form.elements.tool.options, function (o) { return o.value !== '' && o.value === tool; });
            if (!published) { problem('No tool has the id \u201c' + tool.slice(0, 64) + '\u201d. Choose one from the list.'); return; }
            Promise.all([getJSON('v1/tools/' + encodeURIComponent(tool) + '/assessment.json'), getJSON('v1/uses.json')]).then(function (res) {
              var base = res[0], rules = res[1].uses, decision = base.decision, seen = {};
              var unknown = uses.filter(function (use) { return !rules.some(function (x) { return x.use === use; }); });
              if (unknown.length) { problem('Unknown use: ' + unknown.join(', ').slice(0, 200) + '.'); return; }
              var reasons = base.reasons.filter(function (r) { return r.code !== 'inform-contact'; });
              uses.forEach(function (use) {
                if (seen[use]) { return; }
                seen[use] = true;
                var rule = rules.filter(function (x) { return x.use === use; })[0];
                if (rule.decision !== 'proceed') { reasons.push({ code: use, message: rule.reason }); }
                if (rank[rule.decision] > rank[decision]) { decision = rule.decision; }
              });
              // A compliant tool is the answer's reason only when the answer is to proceed, as the assessor says.
              if (decision !== 'proceed') { reasons = reasons.filter(function (r) { return r.code !== 'tool-compliant'; }); }
              if (decision === 'proceed') {
                reasons.push({ code: 'inform-contact', message: 'Proceed, and inform your studio contact that you are using ' + base.check.name + '.' });
              }
              show(base.check.name, decision, reasons, base.check);
            }).catch(function (e) { answer.textContent = 'Could not load the answer: ' + e.message; });
          }
          function fromForm() {
            var uses = Array.prototype.slice.call(form.querySelectorAll('input[name=use]:checked')).map(function (c) { return c.value; });
            return { tool: form.elements.tool.value, uses: uses };
          }
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            var q = fromForm();
            if (!q.tool) { return; }
            history.replaceState(null, '', '?tool=' + encodeURIComponent(q.tool) + q.uses.map(function (u) { return '&use=' + encodeURIComponent(u); }).join('') + '#ask');
            ask(q.tool, q.uses);
          });
          var params = new URLSearchParams(location.search);
          if (params.get('tool')) {
            form.elements.tool.value = params.get('tool');
            params.getAll('use').forEach(function (u) {
              var box = form.querySelector('input[name=use][value="' + CSS.escape(u) + '"]');
              if (box) { box.checked = true; }
            });
            ask(params.get('tool'), params.getAll('use'));
          }
        })();

        """#

    static let styleSheet = #"""
        :root {
          --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --paper: #ffffff; --wash: #f6f8fa; --accent: #0b57d0;
          --ok-ink: #0f5323; --ok-bg: #e3f4e8; --ok-line: #2da44e;
          --no-ink: #8a1111; --no-bg: #fde7e7; --no-line: #cf222e;
          --hold-ink: #6b4400; --hold-bg: #fff3d1; --hold-line: #bf8700;
        }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--wash); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
        .skip:focus { left: 1rem; z-index: 10; }
        .top, main, .foot { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
        .top { padding-top: 1.5rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
        h2 { font-size: 1.3rem; margin: 0 0 .75rem; }
        h3 { font-size: 1.05rem; margin: .25rem 0; }
        .lede { color: var(--muted); margin: 0 0 .5rem; }
        .principles-list { margin: 0 0 1rem; padding-left: 1.25rem; color: var(--muted); }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin: 0 0 1.25rem; }
        label { font-weight: 600; display: block; margin-bottom: .25rem; }
        .use label { display: inline; font-weight: 400; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; padding: .5rem .75rem .75rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .uses { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .35rem 1rem; }
        .use { display: flex; gap: .4rem; align-items: baseline; }
        .use input { flex: none; width: 1.1rem; height: 1.1rem; margin: 0; position: relative; top: .15rem; }
        select, input[type=search] { width: 100%; font: inherit; padding: .55rem .65rem; border: 1px solid #8c959f; border-radius: 6px; background: var(--paper); color: var(--ink); }
        button { font: inherit; font-weight: 600; padding: .55rem 1.1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
        button:hover { background: #0842a0; }
        .search-row { display: flex; gap: .5rem; }
        .count { color: var(--muted); margin: .5rem 0; }
        .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
        .card { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; background: var(--paper); }
        .card[hidden] { display: none; }
        .verdict-compliant { border-left-color: var(--ok-line); }
        .verdict-noncompliant { border-left-color: var(--no-line); }
        .verdict-undetermined { border-left-color: var(--hold-line); }
        summary { cursor: pointer; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: center; list-style-position: outside; }
        summary .name { font-weight: 700; font-size: 1.05rem; }
        summary .tier { color: var(--muted); font-size: .9rem; }
        .badge { margin-left: auto; font-size: .85rem; font-weight: 700; padding: .15rem .6rem; border-radius: 999px; border: 1px solid; }
        .verdict-compliant .badge { color: var(--ok-ink); background: var(--ok-bg); border-color: var(--ok-line); }
        .verdict-noncompliant .badge { color: var(--no-ink); background: var(--no-bg); border-color: var(--no-line); }
        .verdict-undetermined .badge { color: var(--hold-ink); background: var(--hold-bg); border-color: var(--hold-line); }
        .card-body { padding: 0 1rem 1rem; border-top: 1px solid var(--line); }
        .meta { color: var(--muted); font-size: .9rem; }
        .held { color: var(--hold-ink); }
        table.principles { width: 100%; border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
        table.principles caption { text-align: left; font-weight: 700; padding: .25rem 0; }
        table.principles th, table.principles td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-top: 1px solid var(--line); }
        table.principles thead th { color: var(--muted); font-weight: 600; font-size: .85rem; }
        .status { font-weight: 700; white-space: nowrap; }
        .status-pass .status { color: var(--ok-ink); }
        .status-fail .status { color: var(--no-ink); }
        .status-unknown .status { color: var(--hold-ink); }
        .optional { color: var(--muted); font-weight: 400; font-size: .85rem; }
        .sub { font-size: .95rem; margin-top: .75rem; }
        .evidence { padding-left: 1.1rem; font-size: .92rem; }
        .when { color: var(--muted); font-size: .85rem; }
        .answer:empty { display: none; }
        .decision { margin-top: 1rem; border-radius: 8px; padding: .75rem 1rem; border: 1px solid; }
        .decision-proceed { background: var(--ok-bg); border-color: var(--ok-line); color: var(--ok-ink); }
        .decision-written-approval-required { background: var(--hold-bg); border-color: var(--hold-line); color: var(--hold-ink); }
        .decision-not-permitted { background: var(--no-bg); border-color: var(--no-line); color: var(--no-ink); }
        .decision ul { margin: .25rem 0; padding-left: 1.1rem; color: var(--ink); }
        .problem { color: var(--no-ink); background: var(--no-bg); padding: .5rem .75rem; border-radius: 6px; }
        .foot { color: var(--muted); font-size: .9rem; padding-bottom: 2rem; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.5rem; }
          section { padding: 1rem .8rem; border-radius: 0; border-left: 0; border-right: 0; }
          .top, main, .foot { padding: 0 .5rem; }
          .badge { margin-left: 0; }
          table.principles thead { display: none; }
          table.principles tr { display: block; border-top: 1px solid var(--line); padding: .35rem 0; }
          table.principles th, table.principles td { display: block; border: 0; padding: .1rem .25rem; }
          .search-row { flex-direction: column; }
        }

        """#
}
