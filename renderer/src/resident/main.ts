// Entry point of the resident window: Vue app with Pinia; no router, the entry's phase picks the screen.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import ResidentApp from './ResidentApp.vue';
import './resident.css';

createApp(ResidentApp).use(createPinia()).mount('#app');
