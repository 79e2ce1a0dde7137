// Routes of the clerk window. Hash history: the app is served as files from app://counter/.
import { createRouter, createWebHashHistory } from 'vue-router';
import CardHealthView from './workflows/card-health/CardHealthView.vue';

export function createAppRouter() {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      {
        path: '/',
        name: 'card-health',
        component: CardHealthView,
        meta: { titleKey: 'cardHealth.title' },
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });
}
