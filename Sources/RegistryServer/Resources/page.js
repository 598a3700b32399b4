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
  // Static copy: no server answers ?tool=&use=, so the answer is built from published data: the tool's
  // assessment, the policy's uses, and the assessor's rule as a table (v1/decisions.json, made by running
  // the assessor itself). Nothing of the rule is repeated here.
  var form = document.getElementById('ask-form');
  var answer = document.getElementById('answer');
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
  function show(name, decision, heading, reasons, check) {
    answer.textContent = '';
    var box = document.createElement('div');
    box.className = 'decision decision-' + decision;
    box.setAttribute('data-decision', decision);
    var h = document.createElement('h3');
    h.textContent = name + ': ' + heading;
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
    Promise.all([getJSON('v1/tools/' + encodeURIComponent(tool) + '/assessment.json'), getJSON('v1/uses.json'), getJSON('v1/decisions.json')]).then(function (res) {
      var base = res[0], rules = res[1].uses, table = res[2];
      function rule(use) { return rules.filter(function (x) { return x.use === use; })[0]; }
      var unknown = uses.filter(function (use) { return !rule(use); });
      if (unknown.length) { problem('Unknown use: ' + unknown.join(', ').slice(0, 200) + '.'); return; }
      // Each use once, in the order asked; the most severe decision among them picks the table's row.
      var asked = uses.filter(function (use, i) { return uses.indexOf(use) === i; }).map(rule);
      var level = table.decisions[0];
      asked.forEach(function (r) { if (table.decisions.indexOf(r.decision) > table.decisions.indexOf(level)) { level = r.decision; } });
      var row = table.rows.filter(function (r) { return r.verdict === base.check.verdict && r.uses === level; })[0];
      if (!row) { answer.textContent = 'Could not load the answer: no rule for ' + base.check.verdict + ' and ' + level + '.'; return; }
      var reasons = [];
      row.reasons.forEach(function (part) {
        if (part.from === 'tool') {
          base.reasons.forEach(function (r) { if (table.answerCodes.indexOf(r.code) < 0) { reasons.push(r); } });
        } else if (part.from === 'uses') {
          asked.forEach(function (r) { if (table.useReasonShown.indexOf(r.decision) >= 0) { reasons.push({ code: r.use, message: r.reason }); } });
        } else {
          reasons.push({ code: part.code, message: part.message.split(table.namePlaceholder).join(base.check.name) });
        }
      });
      show(base.check.name, row.decision, table.headings[row.decision], reasons, base.check);
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
