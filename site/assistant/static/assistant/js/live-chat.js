// The live chat console (assistant/admin/queue.html and chat.html). A file, not inline: the admin's
// Content-Security-Policy runs no inline script.
(function () {
  'use strict';

  // The queue reloads when it changes, so new chats appear without pressing anything.
  var queue = document.getElementById('live-chat-queue');
  if (queue) {
    var last = null;
    setInterval(function () {
      fetch(queue.dataset.queueUrl, { credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var now = JSON.stringify(data.waiting.map(function (w) { return w.reference; })) + data.callbacks + '/' + data.later;
          if (last !== null && now !== last) { window.location.reload(); }
          last = now;
        })
        .catch(function () {});
    }, 3000);
  }

  // An open live chat: the resident's new messages appear within a couple of seconds.
  var list = document.getElementById('live-chat-messages');
  if (list && list.dataset.live === 'true') {
    setInterval(function () {
      fetch(list.dataset.url + '?after=' + list.dataset.last, { credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          data.messages.forEach(function (message) {
            var item = document.createElement('li');
            item.className = 'wm-line wm-line--' + message.from;
            var who = document.createElement('strong');
            who.textContent = message.speaker + ': ';
            item.appendChild(who);
            item.appendChild(document.createTextNode(message.text));
            list.appendChild(item);
            list.dataset.last = message.id;
          });
        })
        .catch(function () {});
    }, 2000);
  }
})();
