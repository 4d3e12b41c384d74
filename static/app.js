// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Live countdowns: the same arithmetic as src/http/web/view-models/countdown.ts.
  function duration(ms, el) {
    var minutes = Math.max(0, Math.floor(Math.abs(ms) / 60000));
    return Math.floor(minutes / 60) + ' ' + el.getAttribute('data-h') + ' ' + (minutes % 60) + ' ' + el.getAttribute('data-m');
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      var start = Date.parse(el.getAttribute('data-start'));
      var deadline = Date.parse(el.getAttribute('data-deadline'));
      var warn = parseFloat(el.getAttribute('data-warn'));
      var share = (now - start) / Math.max(1, deadline - start);
      var over = now >= deadline;
      var tone = over ? 'over' : share >= warn ? 'warn' : 'ok';
      el.classList.remove('tone-ok', 'tone-warn', 'tone-over');
      el.classList.add('tone-' + tone);
      var fill = el.querySelector('.bar-fill');
      if (fill) fill.style.width = Math.round(Math.min(1, Math.max(0, share)) * 100) + '%';
      var text = el.querySelector('[data-countdown-text]');
      var template = el.getAttribute(over ? 'data-over' : 'data-left');
      if (text && template && el.getAttribute('data-h')) text.textContent = template.replace('{t}', duration(deadline - now, el));
    });
  }

  // The "known / nog niet bekend" choice follows what is typed: filling a field means known.
  function knownGroups() {
    document.querySelectorAll('[data-known-group]').forEach(function (group) {
      var known = group.querySelector('input[type=radio][value=known]');
      if (!known) return;
      group.querySelectorAll('.known-controls input, .known-controls textarea').forEach(function (input) {
        var mark = function () {
          var filled = input.type === 'checkbox' || input.type === 'radio' ? input.checked : input.value.trim() !== '';
          if (filled) known.checked = true;
        };
        input.addEventListener('input', mark);
        input.addEventListener('change', mark);
      });
    });
  }

  // Searchable controller list.
  function filters() {
    document.querySelectorAll('[data-filter-for]').forEach(function (box) {
      var field = box.parentElement.querySelector('fieldset.choices');
      var input = box.querySelector('input');
      if (!field || !input) return;
      var count = box.querySelector('[data-filter-count]');
      box.hidden = false;
      // "{shown} of {total} shown, {chosen} chosen": what the filter left, and what is ticked (also hidden ones).
      function showCount() {
        if (!count) return;
        var labels = field.querySelectorAll('label.choice');
        var shown = 0;
        labels.forEach(function (label) { if (!label.hidden) shown++; });
        var chosen = field.querySelectorAll('input:checked').length;
        count.textContent = count.getAttribute('data-filter-count')
          .replace('{shown}', shown).replace('{total}', labels.length).replace('{chosen}', chosen);
      }
      input.addEventListener('input', function () {
        var q = input.value.trim().toLowerCase();
        field.querySelectorAll('label.choice').forEach(function (label) {
          label.hidden = q !== '' && label.textContent.toLowerCase().indexOf(q) < 0;
        });
        showCount();
      });
      field.addEventListener('change', showCount);
      showCount();
    });
  }

  // An error summary takes focus, so keyboard and screen-reader users land on it.
  function focusErrors() {
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    tick();
    setInterval(tick, 30000);
    knownGroups();
    filters();
    focusErrors();
  });
})();
